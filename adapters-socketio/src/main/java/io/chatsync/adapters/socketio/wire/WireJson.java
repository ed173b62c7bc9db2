package io.chatsync.adapters.socketio.wire;

import io.chatsync.application.wire.LegacyMessage;
import io.chatsync.domain.message.ChatMessage;
import java.util.Map;
import org.json.JSONObject;

/** The payloads of the legacy events, field for field as the Node backends sent them, as org.json objects. */
public final class WireJson {

    private WireJson() {
    }

    /** The {@code message:new} payload, and the message in a {@code message:send} acknowledgement. */
    public static JSONObject message(ChatMessage message) {
        return json(LegacyMessage.of(message).fields());
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
