package io.chatsync.adapters.socketio.outbound;

import io.chatsync.application.LegacyFields;
import io.chatsync.domain.message.ChatMessage;
import java.util.Map;
import org.json.JSONObject;

/** The payloads of the legacy events, field for field as the Node backends sent them. */
public final class LegacyJson {

    private LegacyJson() {
    }

    /** The {@code chats} row with its student's {@code users} fields: the {@code message:new} payload. */
    public static JSONObject message(ChatMessage message) {
        return json(LegacyFields.of(message));
    }

    /** The {@code message:read} payload. */
    public static JSONObject read(int chatId, boolean readByStudent, boolean readByTeacher) {
        return new JSONObject()
                .put("messageId", chatId)
                .put("read_by_student", readByStudent)
                .put("read_by_teacher", readByTeacher);
    }

    /** org.json drops null map values; the legacy payload keeps them as JSON null. */
    @SuppressWarnings("unchecked")
    private static JSONObject json(Map<String, Object> fields) {
        JSONObject json = new JSONObject();
        fields.forEach((name, value) -> json.put(name, value == null ? JSONObject.NULL
                : value instanceof Map<?, ?> nested ? json((Map<String, Object>) nested) : value));
        return json;
    }
}
