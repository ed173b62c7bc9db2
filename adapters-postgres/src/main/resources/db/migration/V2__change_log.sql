-- The change log every chatsync node reads (docs/change-feed.md says why it looks like this).
--
-- Each committed change to chats (a new message, a change of read flags) gets a row here, numbered by a position
-- taken from chat_change_position when the change is made (R__change_log_trigger.sql). Positions become visible
-- roughly, not strictly, in order: a node's cursor is the highest position it has read plus the gaps below it
-- that it still awaits. Rows are pruned from the low end once older than the retention (docs/operations.md).

-- CACHE 1, which every node checks as it starts: a change's position is then above that of every change
-- committed before its transaction began.
CREATE SEQUENCE chat_change_position AS bigint CACHE 1;

CREATE TABLE chat_changes (
    position        bigint      PRIMARY KEY,
    kind            varchar(16) NOT NULL CHECK (kind IN ('message', 'read')),
    chat_id         integer     NOT NULL,
    user_id         integer     NOT NULL,
    read_by_student boolean     NOT NULL,
    read_by_teacher boolean     NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- The wake-up lease: until this time (milliseconds since 1970 on the database's clock) a chatsync node is waiting
-- for notifications, so writers notify even when no legacy backend is left (R__feed_wake_up_lease.sql). A
-- sequence, because its value is read without a snapshot: a writer sees the lease as it is at that moment,
-- whatever its isolation level.
CREATE SEQUENCE chat_feed_listening_until AS bigint MINVALUE 0 START 0;
