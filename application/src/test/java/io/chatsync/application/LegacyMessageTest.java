package io.chatsync.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsync.application.wire.LegacyMessage;
import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.message.StudentProfile;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LegacyMessageTest {

    @Test
    void aMessageHasTheLegacyRowsFieldsAndAJavaScriptDate() {
        StudentId student = StudentId.of(5);
        ChatMessage message = new ChatMessage(ChatId.of(9), student, Side.STAFF, "hi", true, false,
                Instant.parse("2026-11-24T08:00:00Z"), new StudentProfile(student, "Em", null));

        Map<String, Object> users = new LinkedHashMap<>();
        users.put("user_id", 5);
        users.put("full_name", "Em");
        users.put("avatar_url", null);
        assertThat(LegacyMessage.of(message).student()).isEqualTo(users);
        assertThat(LegacyMessage.of(message).fields()).containsExactly(
                Map.entry("chat_id", 9), Map.entry("user_id", 5), Map.entry("sender", "teacher"),
                Map.entry("message", "hi"), Map.entry("read_by_student", true), Map.entry("read_by_teacher", false),
                Map.entry("created_at", "2026-11-24T08:00:00.000Z"), Map.entry("users", users));
    }
}
