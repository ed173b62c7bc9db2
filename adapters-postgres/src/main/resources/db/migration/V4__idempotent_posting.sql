-- Idempotent posting: a client may retry a post with the same key, and the database keeps one row for it.
-- Both columns are nullable, so the legacy backends' inserts are unaffected.

ALTER TABLE chats ADD COLUMN IF NOT EXISTS posted_by varchar(100);
ALTER TABLE chats ADD COLUMN IF NOT EXISTS idempotency_key varchar(200);

CREATE UNIQUE INDEX IF NOT EXISTS chats_idempotency_idx ON chats (posted_by, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
