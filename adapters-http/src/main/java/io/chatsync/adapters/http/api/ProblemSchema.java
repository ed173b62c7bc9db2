package io.chatsync.adapters.http.api;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** An error as the API answers it (RFC 9457 problem details, {@code application/problem+json}), for the document. */
@Schema(name = "Problem")
record ProblemSchema(
        @Schema(example = "https://chatsync.example/problems/invalid-request") String type,
        @Schema(example = "Invalid request") String title,
        @Schema(example = "400") int status,
        @Schema(description = "what was wrong, in words a person can act on") String detail,
        @Schema(description = "the request's path") String instance,
        @Schema(description = "the field at fault (message, sender, before, limit, after, studentId, …)",
                nullable = true) @Nullable String field,
        @Schema(description = "the body rule a message broke", allowableValues = {"not_blank", "max_length", "no_nul"},
                nullable = true) @Nullable String rule,
        @Schema(description = "429: when the caller's allowance lets it try again", nullable = true)
        @Nullable Long retryAfterMs) {
}
