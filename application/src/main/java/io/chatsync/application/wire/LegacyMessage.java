package io.chatsync.application.wire;

import io.chatsync.domain.message.ChatMessage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A message as every client of the legacy backends knows it: the {@code chats} row under its column names (the
 * site's own columns included, after chatsync's), then the thread student's {@code users} fields under
 * {@code users}. The socket events and the HTTP API both show messages this way; each serialises {@link #fields()}
 * with its own JSON library, writing a {@link io.chatsync.domain.message.JsonText} as the JSON it is.
 *
 * @param message the stored message
 */
public record LegacyMessage(ChatMessage message) {

    public LegacyMessage {
        if (message == null) {
            throw new IllegalArgumentException("a legacy message shows a stored message");
        }
    }

    public static LegacyMessage of(ChatMessage message) {
        return new LegacyMessage(message);
    }

    /** The {@code chats} row's fields, chatsync's columns first, as JSON-ready values. */
    public Map<String, @Nullable Object> row() {
        Map<String, @Nullable Object> row = new LinkedHashMap<>();
        row.put("chat_id", message.id().value());
        row.put("user_id", message.thread().value());
        row.put("sender", message.sender().senderColumn());
        row.put("message", message.body());
        row.put("read_by_student", message.readByStudent());
        row.put("read_by_teacher", message.readByTeacher());
        row.put("created_at", JsDate.iso(message.createdAt()));
        row.putAll(message.siteColumns().values());
        return Collections.unmodifiableMap(row);
    }

    /** The thread student's {@code users} fields; a profile value the LMS does not have is null. */
    public Map<String, @Nullable Object> student() {
        Map<String, @Nullable Object> users = new LinkedHashMap<>();
        users.put("user_id", message.student().student().value());
        users.put("full_name", message.student().fullName());
        users.put("avatar_url", message.student().avatarUrl());
        return Collections.unmodifiableMap(users);
    }

    /** The whole payload as the legacy servers sent it: {@link #row()}, then {@code users}: {@link #student()}. */
    public Map<String, @Nullable Object> fields() {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>(row());
        fields.put("users", student());
        return Collections.unmodifiableMap(fields);
    }
}
