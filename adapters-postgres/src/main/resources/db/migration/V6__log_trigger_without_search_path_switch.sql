-- The change-log trigger without a SET clause: every name in it is schema-qualified instead.
--
-- (CREATE OR REPLACE replaces the function's settings with the new definition's, which has none.)
--
-- The trigger runs inside every writer's commit turn (docs/change-feed.md), so what it costs, every chat writer
-- pays, the legacy backends included. Its SET search_path clause made PostgreSQL switch the search path on each
-- call and back on return: pgbench inserting single rows through the V5 trigger committed 5,200-5,400 rows/s on
-- 2 cores, through this one 5,700-5,800 (docs/benchmarks.md).
--
-- The function stays SECURITY DEFINER (the LMS's roles need no grant on the log), so it must not resolve
-- anything through the caller's search path, which the caller controls: tables, the sequence, functions,
-- operators and types are all written with their schema. pg_catalog's own are named as pg_catalog's.

-- [jooq ignore start]
CREATE OR REPLACE FUNCTION chat_message_record_change() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
AS $$
DECLARE
    change_position pg_catalog.int8;
    is_message      pg_catalog.bool := TG_OP OPERATOR(pg_catalog.=) 'INSERT';
BEGIN
    -- Held until commit: the next writer takes its position only after this one is visible.
    PERFORM pg_catalog.pg_advisory_xact_lock(1667785076, 7106407);
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
