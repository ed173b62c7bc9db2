package io.chatsync.adapters.http.api;

import io.chatsync.domain.message.Side;
import java.util.Map;

/** The JSON body of a post, read field by field so a wrong type is refused by name. */
record PostBody(String message, Side sender) {

    static PostBody of(Map<String, Object> json) {
        if (json == null) {
            throw new BadRequest(null, "the body must be a JSON object");
        }
        Object message = json.get("message");
        if (!(message instanceof String text)) {
            throw new BadRequest("message", message == null ? "message is required" : "message must be a string");
        }
        Object sender = json.get("sender");
        if (sender == null) {
            return new PostBody(text, null);
        }
        if (!(sender instanceof String name)) {
            throw new BadRequest("sender", "sender must be 'student' or 'teacher'");
        }
        try {
            return new PostBody(text, Side.fromSenderColumn(name));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("sender", e.getMessage());
        }
    }
}
