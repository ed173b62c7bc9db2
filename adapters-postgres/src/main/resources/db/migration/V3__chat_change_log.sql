-- The change log every chatsync node reads (docs/change-feed.md says why it looks like this).
--
-- Each committed change to chats (a new message, a change of read flags) gets a row here, numbered by a
-- position. Writers of the log are serialised from the moment they append until they commit, so positions
-- become visible strictly in commit order: once position N is visible, no smaller position can appear later.
-- A node's cursor is therefore one number, valid on every node and across restarts.

CREATE SEQUENCE chat_change_position AS bigint;

CREATE TABLE chat_changes (
    position        bigint      PRIMARY KEY,
    kind            varchar(16) NOT NULL CHECK (kind IN ('message', 'read')),
    chat_id         integer     NOT NULL,
    user_id         integer     NOT NULL,
    read_by_student boolean     NOT NULL,
    read_by_teacher boolean     NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- [jooq ignore start]
CREATE FUNCTION chat_message_record_change() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, ${flyway:defaultSchema}
AS $$
DECLARE
    change_position bigint;
    change_kind     text := CASE WHEN TG_OP = 'INSERT' THEN 'message' ELSE 'read' END;
BEGIN
    -- Held until commit: the next writer takes its position only after this one is visible.
    LOCK TABLE chat_changes IN EXCLUSIVE MODE;
    change_position := nextval('chat_change_position');

    INSERT INTO chat_changes (position, kind, chat_id, user_id, read_by_student, read_by_teacher)
    VALUES (change_position, change_kind, NEW.chat_id, NEW.user_id, NEW.read_by_student, NEW.read_by_teacher);

    -- Only ids and flags travel through NOTIFY (its payload stops at 8000 bytes); the fields are those the
    -- legacy Node listeners read, plus the position.
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

CREATE TRIGGER chat_message_inserted
    AFTER INSERT ON chats
    FOR EACH ROW EXECUTE FUNCTION chat_message_record_change();

CREATE TRIGGER chat_message_read_changed
    AFTER UPDATE OF read_by_student, read_by_teacher ON chats
    FOR EACH ROW
    WHEN (OLD.read_by_student IS DISTINCT FROM NEW.read_by_student
          OR OLD.read_by_teacher IS DISTINCT FROM NEW.read_by_teacher)
    EXECUTE FUNCTION chat_message_record_change();
-- [jooq ignore stop]
