-- Notify only whom it concerns: legacy backends while there may be some, and chatsync nodes while one waits.
--
-- PostgreSQL takes one cluster-wide lock from before the commit of every transaction that notifies until after
-- its WAL flush, so notifying commits are flushed one at a time. That turn is the ceiling of the legacy design
-- (pgbench into chats: 4,400-4,900 commits/s on 2 cores with a notifying trigger, 14,900 with the same trigger
-- not notifying; docs/benchmarks.md). chatsync's nodes need no notification to be complete (they read the log),
-- only to wake soon when they are idle; legacy backends need one for every change.
--
-- So the trigger notifies, as before, unless the database says no legacy backend is left
-- (ALTER DATABASE ... SET chatsync.legacy_notifications = off, docs/operations.md). Then it notifies only while a
-- chatsync node is waiting for notifications: such a node keeps chat_feed_listening_until, a time in milliseconds
-- since 1970 on the database's clock, ahead of now. A sequence holds it because its value is read without a
-- snapshot: a writer sees the lease as it is at that moment, whatever its isolation level. The trigger reads it
-- after it has taken its position, so a writer that found no lease took its position before the node's next
-- lease, which the node then awaits by reading the log (docs/change-feed.md, "Who is notified").

CREATE SEQUENCE chat_feed_listening_until AS bigint MINVALUE 0 START 0;

-- [jooq ignore start]
-- A node takes or renews its lease here and learns the last position handed out before it. Renewals take turns
-- and a lease only grows, so no node shortens another's. SECURITY DEFINER, so the feed's role needs no rights on
-- the two sequences; but only roles granted EXECUTE may call it (a lease makes every writer notify).
CREATE FUNCTION chat_feed_hold_lease(millis pg_catalog.int8) RETURNS pg_catalog.int8
    LANGUAGE plpgsql
    SECURITY DEFINER
AS $$
BEGIN
    IF millis IS NULL OR millis OPERATOR(pg_catalog.<) 1 OR millis OPERATOR(pg_catalog.>) 3600000 THEN
        RAISE EXCEPTION 'a wake-up lease runs from 1 ms to an hour, not %', millis;
    END IF;
    -- 'chat' and 'wake' in ASCII.
    PERFORM pg_catalog.pg_advisory_xact_lock(1667785076, 2002873189);
    PERFORM pg_catalog.setval('${flyway:defaultSchema}.chat_feed_listening_until'::pg_catalog.regclass, GREATEST(
        COALESCE(pg_catalog.pg_sequence_last_value(
            '${flyway:defaultSchema}.chat_feed_listening_until'::pg_catalog.regclass), 0),
        CAST(pg_catalog.date_part('epoch', pg_catalog.clock_timestamp()) OPERATOR(pg_catalog.*) 1000 AS pg_catalog.int8)
            OPERATOR(pg_catalog.+) millis));
    RETURN COALESCE(pg_catalog.pg_sequence_last_value(
        '${flyway:defaultSchema}.chat_change_position'::pg_catalog.regclass), 0);
END
$$;

REVOKE EXECUTE ON FUNCTION chat_feed_hold_lease(pg_catalog.int8) FROM PUBLIC;
-- [jooq ignore stop]

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

    -- Anything but one of these four words (unset included) keeps the legacy notifications on.
    IF (COALESCE(pg_catalog.lower(pg_catalog.current_setting('chatsync.legacy_notifications', true)), 'on')
            OPERATOR(pg_catalog.<>) ALL (ARRAY['off', 'false', 'no', '0']))
       OR (pg_catalog.pg_sequence_last_value(
               '${flyway:defaultSchema}.chat_feed_listening_until'::pg_catalog.regclass)
           OPERATOR(pg_catalog.>)
           (pg_catalog.date_part('epoch', pg_catalog.clock_timestamp()) OPERATOR(pg_catalog.*) 1000))
    THEN
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
-- [jooq ignore stop]
