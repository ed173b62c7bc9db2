package io.chatsync.adapters.http.api;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The body of a post, as the OpenAPI document gives it. The controller reads it field by field
 * ({@link PostBody}), so that a field of the wrong type is refused by its name rather than converted.
 */
@Schema(name = "PostMessage")
record PostRequest(
        @Schema(description = "the text: not blank, at most chatsync.max-message-length characters, no NUL",
                requiredMode = Schema.RequiredMode.REQUIRED) String message,
        @Schema(description = "the caller's side; optional", allowableValues = {"student", "teacher"},
                nullable = true) @Nullable String sender) {
}
