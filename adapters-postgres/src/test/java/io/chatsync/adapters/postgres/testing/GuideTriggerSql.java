package io.chatsync.adapters.postgres.testing;

/**
 * Triggers written as the legacy guide describes its {@code chat-realtime-sync.sql} (which it does not print):
 * after an insert, and after an update of the read flags, {@code pg_notify} with the fields its listeners read.
 * Named as a site might have named them, not as chatsync knows.
 */
public final class GuideTriggerSql {

    public static final String INSTALL = """
            CREATE FUNCTION lms_notify_new_chat() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('chat_messages', json_build_object(
                    'chat_id', NEW.chat_id, 'user_id', NEW.user_id, 'sender', NEW.sender)::text);
                RETURN NEW;
            END $$;
            CREATE FUNCTION lms_notify_chat_read() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('chat_messages_read', json_build_object(
                    'chat_id', NEW.chat_id, 'user_id', NEW.user_id,
                    'read_by_student', NEW.read_by_student, 'read_by_teacher', NEW.read_by_teacher)::text);
                RETURN NEW;
            END $$;
            CREATE TRIGGER lms_chat_after_insert AFTER INSERT ON chats
                FOR EACH ROW EXECUTE FUNCTION lms_notify_new_chat();
            CREATE TRIGGER lms_chat_after_read AFTER UPDATE OF read_by_student, read_by_teacher ON chats
                FOR EACH ROW EXECUTE FUNCTION lms_notify_chat_read();
            """;

    private GuideTriggerSql() {
    }
}
