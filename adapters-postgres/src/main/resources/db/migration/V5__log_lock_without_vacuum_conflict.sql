-- Writers of the change log take turns with a transaction-level advisory lock instead of a table lock.
-- Both are held until commit, so positions still become visible in commit order; but LOCK TABLE ... EXCLUSIVE
-- conflicts with the SHARE UPDATE EXCLUSIVE lock that (auto)vacuum and ANALYZE take on chat_changes, so chat
-- writers would wait behind vacuum (for as long as an anti-wraparound vacuum runs). The advisory lock does not.
-- Its key is two fixed integers: 'chat' and 'log' in ASCII.

-- The idempotency columns hold any author id and key the API accepts (a staff id is the token's subject).
ALTER TABLE chats ALTER COLUMN posted_by TYPE varchar(1000);
ALTER TABLE chats ALTER COLUMN idempotency_key TYPE varchar(1000);

-- [jooq ignore start]
CREATE OR REPLACE FUNCTION chat_message_record_change() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, ${flyway:defaultSchema}
AS $$
DECLARE
    change_position bigint;
    change_kind     text := CASE WHEN TG_OP = 'INSERT' THEN 'message' ELSE 'read' END;
BEGIN
    -- Held until commit: the next writer takes its position only after this one is visible.
    PERFORM pg_advisory_xact_lock(1667785076, 7106407);
    change_position := nextval('chat_change_position');

    INSERT INTO chat_changes (position, kind, chat_id, user_id, read_by_student, read_by_teacher)
    VALUES (change_position, change_kind, NEW.chat_id, NEW.user_id, NEW.read_by_student, NEW.read_by_teacher);

    IF change_kind = 'message' THEN
        PERFORM pg_notify('chat_messages', json_build_object(
            'chat_id', NEW.chat_id, 'user_id', NEW.user_id, 'sender', NEW.sender,
            'position', change_position)::text);
    ELSE
        PERFORM pg_notify('chat_messages_read', json_build_object(
            'chat_id', NEW.chat_id, 'user_id', NEW.user_id,
            'read_by_student', NEW.read_by_student, 'read_by_teacher', NEW.read_by_teacher,
            'position', change_position)::text);
    END IF;
    RETURN NULL;
END
$$;
-- [jooq ignore stop]
