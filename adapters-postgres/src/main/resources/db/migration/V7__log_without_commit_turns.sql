-- The change log without the commit turn: writers of chats no longer wait for each other.
--
-- Until now every writer took an advisory lock in this trigger and held it through its commit, so positions
-- became visible in commit order and a node's cursor could be one position. That lock was held across each
-- commit's WAL flush, so the database could not flush several writers' commits at once: in the benchmark the
-- writers queued for it from 2,500 messages/s on while a fifth of the machine stayed idle (docs/benchmarks.md).
--
-- Instead every change now records the transaction that wrote it, and a node reads the changes whose
-- transactions committed between two snapshots of the database (the one it read at before, and the current
-- one), by transaction id; docs/change-feed.md says why that hands over every change exactly once. Positions
-- are still taken from the sequence: they order the changes a node reads together, and two changes of the
-- same chats row are numbered in the order of their row lock, which is their commit order.
--
-- Rows written before this migration carry transaction 0, visible in every snapshot: no node reads them again.
-- (xid8, pg_current_xact_id and pg_snapshot need PostgreSQL 13 or later.)

-- [jooq ignore start]
ALTER TABLE chat_changes ADD COLUMN written_in pg_catalog.xid8 NOT NULL DEFAULT '0';
ALTER TABLE chat_changes ALTER COLUMN written_in SET DEFAULT pg_catalog.pg_current_xact_id();
CREATE INDEX chat_changes_written_in_idx ON chat_changes (written_in);

CREATE OR REPLACE FUNCTION chat_message_record_change() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
AS $$
DECLARE
    change_position pg_catalog.int8;
    is_message      pg_catalog.bool := TG_OP OPERATOR(pg_catalog.=) 'INSERT';
BEGIN
    change_position := pg_catalog.nextval('${flyway:defaultSchema}.chat_change_position'::pg_catalog.regclass);

    INSERT INTO ${flyway:defaultSchema}.chat_changes (position, kind, chat_id, user_id, read_by_student, read_by_teacher,
                                                     written_in)
    VALUES (change_position, CASE WHEN is_message THEN 'message' ELSE 'read' END, NEW.chat_id, NEW.user_id,
            NEW.read_by_student, NEW.read_by_teacher, pg_catalog.pg_current_xact_id());

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
