-- What every write to chats does, whoever writes it (chatsync or a legacy backend): append the change to
-- chat_changes, and notify whom it concerns.
--
-- A repeatable migration: edit it in place. Flyway runs it again, after every pending versioned migration, when
-- its text changes. The new function is what every writer runs from that commit on, including writers served by
-- nodes of the previous version while a rolling upgrade is under way, so a change here must keep what those
-- nodes read (the log's columns, the notification's fields) or be made in two releases. Versioned migrations
-- must not depend on what is defined here: on a new database it does not exist until they have all run.
--
-- The function runs in every writer's transaction and its cost is theirs. It is SECURITY DEFINER (the LMS's roles
-- need no grant on the log) without a SET clause (switching search_path on each call cost about 8 % of the
-- writers' rate), so it must not resolve anything through the caller's search path, which the caller controls:
-- tables, sequences, functions, operators and types are all written with their schema.
--
-- Notifications: PostgreSQL flushes the commits of notifying transactions one at a time, which is the ceiling of
-- the legacy design. chatsync's nodes read the log and need a notification only to wake when idle; legacy
-- backends need one for every change. So the trigger notifies unless the database says no legacy backend is left
-- (ALTER DATABASE ... SET chatsync.legacy_notifications = off), and then only while a chatsync node holds the
-- wake-up lease. It reads the lease after taking its position, so a writer that found no lease took its position
-- before the node's next lease, which the node then awaits by reading the log (docs/change-feed.md).

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

    -- Anything but one of these four words (unset included) keeps the legacy notifications on.
    IF (COALESCE(pg_catalog.lower(pg_catalog.current_setting('chatsync.legacy_notifications', true)), 'on')
            OPERATOR(pg_catalog.<>) ALL (ARRAY['off', 'false', 'no', '0']))
       OR (pg_catalog.pg_sequence_last_value(
               '${flyway:defaultSchema}.chat_feed_listening_until'::pg_catalog.regclass)
           OPERATOR(pg_catalog.>)
           (pg_catalog.date_part('epoch', pg_catalog.clock_timestamp()) OPERATOR(pg_catalog.*) 1000))
    THEN
        -- Only ids and flags travel (a payload stops at 8000 bytes): the fields the legacy listeners read, and
        -- the position.
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
    END IF;
    RETURN NULL;
END
$$;

-- Dropped and created in this migration's transaction, so writers see either the old triggers or the new ones.
DROP TRIGGER IF EXISTS chat_message_inserted ON chats;
CREATE TRIGGER chat_message_inserted
    AFTER INSERT ON chats
    FOR EACH ROW EXECUTE FUNCTION chat_message_record_change();

DROP TRIGGER IF EXISTS chat_message_read_changed ON chats;
CREATE TRIGGER chat_message_read_changed
    AFTER UPDATE OF read_by_student, read_by_teacher ON chats
    FOR EACH ROW
    WHEN (OLD.read_by_student IS DISTINCT FROM NEW.read_by_student
          OR OLD.read_by_teacher IS DISTINCT FROM NEW.read_by_teacher)
    EXECUTE FUNCTION chat_message_record_change();
