-- Resumable sessions (docs/resume.md): a client that drops and comes back, to any node, gets what it missed. Each
-- row is one session, keyed by a hash of the private id (pid) only its client knows (SHA-256, in hex).
--
-- began / begun_at: every change-log position its first socket had had when it connected (a LogOffset's text).
-- last_offset: the offset of the last event it was sent, as the client holds it; null before the first.
-- quiet_through / quiet_at: everything it had been sent, with nothing sent since last_offset, recorded at quiet_at.
-- seen_at: when a node last had it connected; rows older than the resume window are deleted.

CREATE TABLE chat_sessions (
    session_hash  varchar(64)   PRIMARY KEY,
    side          varchar(16)   NOT NULL CHECK (side IN ('student', 'teacher')),
    user_key      varchar(200)  NOT NULL,
    rooms         integer[]     NOT NULL DEFAULT '{}',
    began         text          NOT NULL,
    begun_at      timestamptz   NOT NULL,
    last_offset   text,
    quiet_through text          NOT NULL,
    quiet_at      timestamptz   NOT NULL,
    seen_at       timestamptz   NOT NULL
);

CREATE INDEX chat_sessions_seen_at ON chat_sessions (seen_at);

-- The key every node seals offsets with, so a node reads back only offsets some node wrote. One row, written by the
-- first node that needs it.
CREATE TABLE chat_resume_key (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    secret   bytea   NOT NULL
);
