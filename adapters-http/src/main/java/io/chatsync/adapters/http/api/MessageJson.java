package io.chatsync.adapters.http.api;

import io.chatsync.application.wire.LegacyMessage;
import io.chatsync.domain.message.JsonText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.util.RawValue;

/** A message's fields for Jackson: a {@code json} column's text is written as the JSON it is, not as a string. */
final class MessageJson {

    private MessageJson() {
    }

    static Map<String, @Nullable Object> of(LegacyMessage message) {
        return convert(message.fields());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, @Nullable Object> convert(Map<String, @Nullable Object> fields) {
        Map<String, @Nullable Object> json = new LinkedHashMap<>();
        fields.forEach((name, value) -> json.put(name, value instanceof Map<?, ?> nested
                ? convert((Map<String, @Nullable Object>) nested) : value(value)));
        return json;
    }

    private static @Nullable Object value(@Nullable Object value) {
        if (value instanceof JsonText text) {
            return new RawValue(text.json());
        }
        if (value instanceof List<?> list) {
            return list.stream().map(MessageJson::value).toList();
        }
        return value;
    }
}
