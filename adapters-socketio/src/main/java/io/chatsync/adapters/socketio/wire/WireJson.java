package io.chatsync.adapters.socketio.wire;

import io.chatsync.application.wire.LegacyMessage;
import io.chatsync.domain.message.JsonText;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONString;

/** The payloads of the legacy events, field for field as the Node backends sent them, as org.json objects. */
public final class WireJson {

    private WireJson() {
    }

    /** The {@code message:new} payload, and the message in a {@code message:send} acknowledgement. */
    public static JSONObject message(LegacyMessage message) {
        return json(message.fields());
    }

    /** The {@code message:read} payload. */
    public static JSONObject read(int chatId, boolean readByStudent, boolean readByTeacher) {
        return new JSONObject()
                .put("messageId", chatId)
                .put("read_by_student", readByStudent)
                .put("read_by_teacher", readByTeacher);
    }

    /**
     * org.json drops null map values, and would parse JSON text into its own maps (losing the key order); the
     * legacy payload keeps nulls as JSON null and a {@code json} column's text as it is.
     */
    @SuppressWarnings("unchecked")
    private static JSONObject json(Map<String, @Nullable Object> fields) {
        JSONObject json = new JSONObject();
        fields.forEach((name, value) -> json.put(name, value instanceof Map<?, ?> nested
                ? json((Map<String, @Nullable Object>) nested) : jsonValue(value)));
        return json;
    }

    private static Object jsonValue(@Nullable Object value) {
        if (value == null) {
            return JSONObject.NULL;
        }
        if (value instanceof JsonText text) {
            return (JSONString) text::json;
        }
        if (value instanceof List<?> list) {
            JSONArray array = new JSONArray();
            list.forEach(element -> array.put(jsonValue(element)));
            return array;
        }
        return value;
    }
}
