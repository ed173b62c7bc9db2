-- The change log without the commit turn: writers of chats no longer wait for each other in the trigger.
--
-- Until now every writer took an advisory lock in this trigger and held it until its commit, so positions
-- became visible in commit order and a node's cursor could be one position. Each writer held it from its insert
-- through its commit's WAL flush, so in the benchmark the writers queued for it from 2,500 messages/s on while a
-- fifth of the machine stayed idle (docs/benchmarks.md), and a transaction that wrote a chat and stayed open held
-- up every other chat writer until it ended. (PostgreSQL still serialises the commits of transactions that
-- notify, as it does for the legacy trigger; that turn starts at the commit, not at the insert.)
--
-- Positions are still taken from the sequence, one at a time (its CACHE 1, which every node checks as it
-- starts), so a change's position is above that of every change committed before its transaction began, and
-- changes of one chats row are numbered in the order of their row locks, which is their commit order. But a
-- smaller position may now become visible after a larger one: a node's cursor is the highest position it read
-- plus the gaps below it that it still awaits (docs/change-feed.md).

-- [jooq ignore start]
CREATE OR REPLACE FUNCTION chat_message_record_change() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
AS $$
DECLARE
    change_position pg_catalog.int8;
    is_message      pg_catalog.bool := TG_OP OPERATOR(pg_catalog.=) 'INSERT';
BEGIN
    change_position := pg_catalog.nextval('${flyway:defaultSchema}.chat_change_position'::pg_catalog.regclass);

    INSERT INTO ${flyway:defaultSchema}.chat_changes (position, kind, chat_id, user_id, read_by_student, read_by_teacher)
    VALUES (change_position, CASE WHEN is_message THEN 'message' ELSE 'read' END, NEW.chat_id, NEW.user_id,
            NEW.read_by_student, NEW.read_by_teacher);

    IF is_message THEN
        PERFORM pg_catalog.pg_notify('chat_messages', pg_catalog.json_build_object(
            'chat_id', NEW.chat_id, 'user_id', NEW.user_id, 'sender', NEW.sender,
            'position', change_position)::pg_catalog.text);
    ELSE
        PERFORM pg_catalog.pg_notify('chat_messages_read', pg_catalog.json_build_object(
            'chat_id', NEW.chat_id, 'user_id', NEW.user_id,
            'read_by_student', NEW.read_by_student, 'read_by_teacher', NEW.read_by_teacher,
            'position', change_position)::pg_catalog.text);
    END IF;
    RETURN NULL;
END
$$;
-- [jooq ignore stop]
