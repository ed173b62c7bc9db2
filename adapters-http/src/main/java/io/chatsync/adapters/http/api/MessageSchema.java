package io.chatsync.adapters.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A message as the API and the events send it, for the OpenAPI document: the {@code chats} row with its
 * student's profile. The API writes the row's columns as they are (docs/protocol.md), so a site's own columns
 * come along, after these.
 */
@Schema(name = "Message", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
        description = "the chats row, every column (a site's own too, except those hidden from students), and the "
                + "thread's student")
record MessageSchema(
        @JsonProperty("chat_id") int chatId,
        @JsonProperty("user_id") @Schema(description = "the thread: its student's users.user_id") int userId,
        @Schema(allowableValues = {"student", "teacher"}) String sender,
        String message,
        @JsonProperty("read_by_student") boolean readByStudent,
        @JsonProperty("read_by_teacher") boolean readByTeacher,
        @JsonProperty("created_at") @Schema(description = "as JavaScript's toISOString() prints it",
                example = "2026-11-24T09:30:00.123Z") String createdAt,
        Student users) {

    /** The thread's student, from {@code users}. */
    @Schema(name = "Student")
    record Student(
            @JsonProperty("user_id") int userId,
            @JsonProperty("full_name") @Schema(nullable = true) @Nullable String fullName,
            @JsonProperty("avatar_url") @Schema(nullable = true) @Nullable String avatarUrl) {
    }
}
