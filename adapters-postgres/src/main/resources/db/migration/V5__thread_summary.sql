-- The conversation summary: one row per student's thread, kept by the trigger on chats in the writer's own
-- transaction (R__change_log_trigger.sql), so that a page of the staff conversation list is a walk of an index and
-- an unread count is one row, whatever the size of chats (docs/operations.md, "The conversation summary").

CREATE TABLE chat_threads (
    user_id           integer PRIMARY KEY,
    last_chat_id      integer NOT NULL,
    unread_by_staff   integer NOT NULL,
    unread_by_student integer NOT NULL
);

CREATE INDEX chat_threads_newest_idx ON chat_threads (last_chat_id);

-- Whether chat_threads holds every thread of chats. A node fills it, thread by thread, once the trigger counts
-- (ThreadSummaryFill); until then nodes read chats as before. counting_since is the transaction id from which every
-- writer counts: a writer that started before may have written without counting, so filling waits for it.
CREATE TABLE chat_thread_summary (
    only_row       boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    complete       boolean NOT NULL DEFAULT false,
    counting_since bigint
);

INSERT INTO chat_thread_summary DEFAULT VALUES;
