package io.chatsync.application;

import io.chatsync.domain.message.ChatMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message as every client of the legacy backends knows it: the {@code chats} row under its column names, with
 * the thread student's {@code users} fields. The socket events and the HTTP API both show messages this way.
 */
public final class LegacyFields {

    /** As JavaScript's {@code Date.toISOString()}: UTC, milliseconds, {@code Z}. */
    private static final DateTimeFormatter JS_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private LegacyFields() {
    }

    /** Field order as the legacy row; absent profile values are null. */
    public static Map<String, Object> of(ChatMessage message) {
        Map<String, Object> users = new LinkedHashMap<>();
        users.put("user_id", message.student().student().value());
        users.put("full_name", message.student().fullName());
        users.put("avatar_url", message.student().avatarUrl());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("chat_id", message.id().value());
        fields.put("user_id", message.thread().value());
        fields.put("sender", message.sender().column());
        fields.put("message", message.body());
        fields.put("read_by_student", message.readByStudent());
        fields.put("read_by_teacher", message.readByTeacher());
        fields.put("created_at", jsDate(message.createdAt()));
        fields.put("users", users);
        return fields;
    }

    private static String jsDate(Instant instant) {
        return JS_DATE.format(instant);
    }
}
