package io.chatsync.adapters.socketio.outbound;

import io.chatsync.domain.message.ChatMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.json.JSONObject;

/** The payloads of the legacy events, field for field as the Node backends sent them. */
public final class LegacyJson {

    /** As JavaScript's {@code Date.toISOString()}: UTC, milliseconds, {@code Z}. */
    private static final DateTimeFormatter JS_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private LegacyJson() {
    }

    /** The {@code chats} row with its student's {@code users} fields: the {@code message:new} payload. */
    public static JSONObject message(ChatMessage message) {
        JSONObject users = new JSONObject()
                .put("user_id", message.student().student().value())
                .put("full_name", orNull(message.student().fullName()))
                .put("avatar_url", orNull(message.student().avatarUrl()));
        return new JSONObject()
                .put("chat_id", message.id().value())
                .put("user_id", message.thread().value())
                .put("sender", message.sender().column())
                .put("message", message.body())
                .put("read_by_student", message.readByStudent())
                .put("read_by_teacher", message.readByTeacher())
                .put("created_at", jsDate(message.createdAt()))
                .put("users", users);
    }

    /** The {@code message:read} payload. */
    public static JSONObject read(int chatId, boolean readByStudent, boolean readByTeacher) {
        return new JSONObject()
                .put("messageId", chatId)
                .put("read_by_student", readByStudent)
                .put("read_by_teacher", readByTeacher);
    }

    public static String jsDate(Instant instant) {
        return JS_DATE.format(instant);
    }

    private static Object orNull(String value) {
        return value == null ? JSONObject.NULL : value;
    }
}
