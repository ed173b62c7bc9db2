package io.chatsync.adapters.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the API answers, one record per shape. A message stays a map of its row's columns, as the legacy backends
 * sent it (a site's own columns included); {@link MessageSchema} documents it.
 */
final class Pages {

    private Pages() {
    }

    /** A page of a thread's history. */
    record HistoryPage(
            @ArraySchema(arraySchema = @Schema(description = "newest first"),
                    schema = @Schema(implementation = MessageSchema.class))
            List<Map<String, @Nullable Object>> messages,
            @JsonProperty("next_before")
            @Schema(description = "the chat_id to pass as before for the next page; null on the last",
                    nullable = true, requiredMode = Schema.RequiredMode.REQUIRED)
            @Nullable Integer nextBefore) {
    }

    /** A page of the staff's conversation list, newest activity first. */
    record ConversationPage(
            List<ConversationRow> conversations,
            @JsonProperty("next_before")
            @Schema(description = "the last message's chat_id to pass as before for the next page; null on the last",
                    nullable = true, requiredMode = Schema.RequiredMode.REQUIRED)
            @Nullable Integer nextBefore) {
    }

    /** A thread in the conversation list: its student, its newest message, and what staff have not read of it. */
    record ConversationRow(
            @Schema(implementation = MessageSchema.Student.class) Map<String, @Nullable Object> student,
            @JsonProperty("last_message") @Schema(implementation = MessageSchema.class)
            Map<String, @Nullable Object> lastMessage,
            @JsonProperty("unread_by_staff") long unreadByStaff) {
    }

    /** The messages a read marked, as the caller's side. */
    record Marked(@ArraySchema(schema = @Schema(description = "chat_id")) List<Integer> marked) {
    }

    /** A student's unread count: the teachers' messages they have not read. */
    record Unread(long unread) {
    }

    /** What changed after an offset, oldest first. */
    record ChangePage(
            List<Change> changes,
            @Schema(description = "the offset to pass as after next time") String offset,
            @Schema(description = "whether more changes wait: call again with offset") boolean more) {
    }

    /** A change as the event it would have been on a socket. */
    record Change(
            @Schema(allowableValues = {"message:new", "message:read"}) String event,
            @Schema(description = "the event's payload: a message (message:new) or its read flags (message:read)",
                    oneOf = {MessageSchema.class, ReadFlags.class})
            Object data) {
    }

    /** The payload of {@code message:read}. */
    record ReadFlags(
            int messageId,
            @JsonProperty("read_by_student") boolean readByStudent,
            @JsonProperty("read_by_teacher") boolean readByTeacher) {
    }
}
