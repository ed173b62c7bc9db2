-- The LMS's own tables, as the legacy backends use them, and what chatsync adds to chats.
--
-- On an existing lms_ecenter database the tables already exist, with rows and perhaps columns of the site's own;
-- they are left as they are, and only what is missing is added. On a big chats table, create the three thread
-- indexes beforehand with CREATE INDEX CONCURRENTLY under the same names (docs/operations.md).

CREATE TABLE IF NOT EXISTS users (
    user_id    serial       PRIMARY KEY,
    full_name  varchar(255),
    avatar_url text
);

CREATE TABLE IF NOT EXISTS chats (
    chat_id         serial      PRIMARY KEY,
    user_id         integer     NOT NULL REFERENCES users (user_id),
    sender          varchar(20) NOT NULL CHECK (sender IN ('student', 'teacher')),
    message         text        NOT NULL,
    read_by_student boolean     NOT NULL DEFAULT false,
    read_by_teacher boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- A thread's history pages by chat_id, and both unread counts, without scanning other threads.
CREATE INDEX IF NOT EXISTS chats_thread_idx ON chats (user_id, chat_id);

CREATE INDEX IF NOT EXISTS chats_unread_by_teacher_idx ON chats (user_id)
    WHERE sender = 'student' AND read_by_teacher = false;

CREATE INDEX IF NOT EXISTS chats_unread_by_student_idx ON chats (user_id)
    WHERE sender = 'teacher' AND read_by_student = false;

-- Idempotent posting: a client may retry a post with the same key, and the database keeps one row for it. Both
-- columns are nullable, so the legacy backends' inserts are unaffected; they hold any author id the API accepts (a
-- staff id is the token's subject) and any key it accepts. They are chatsync's bookkeeping and never reach clients.
ALTER TABLE chats ADD COLUMN IF NOT EXISTS posted_by varchar(1000);
ALTER TABLE chats ADD COLUMN IF NOT EXISTS idempotency_key varchar(1000);

CREATE UNIQUE INDEX IF NOT EXISTS chats_idempotency_idx ON chats (posted_by, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
