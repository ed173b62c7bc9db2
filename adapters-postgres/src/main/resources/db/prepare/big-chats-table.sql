-- Before chatsync first migrates an LMS database whose chats table is big: what V1__lms_tables.sql would otherwise
-- build while holding writers off (docs/operations.md, "A big chats table"). Run it as the table's owner, outside a
-- transaction (psql -f runs each statement on its own); every statement may be run again. V1 then finds all of it
-- and builds nothing.

ALTER TABLE chats ADD COLUMN IF NOT EXISTS posted_by varchar(1000);
ALTER TABLE chats ADD COLUMN IF NOT EXISTS idempotency_key varchar(1000);

CREATE INDEX CONCURRENTLY IF NOT EXISTS chats_thread_idx ON chats (user_id, chat_id);

CREATE INDEX CONCURRENTLY IF NOT EXISTS chats_unread_by_teacher_idx ON chats (user_id)
    WHERE sender = 'student' AND read_by_teacher = false;

CREATE INDEX CONCURRENTLY IF NOT EXISTS chats_unread_by_student_idx ON chats (user_id)
    WHERE sender = 'teacher' AND read_by_student = false;

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS chats_idempotency_idx ON chats (posted_by, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
