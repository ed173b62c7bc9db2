package io.chatsync.adapters.socketio.inbound;

import io.chatsync.adapters.socketio.wire.Room;
import io.chatsync.application.posting.IdempotencyKey;
import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import java.util.Optional;
import org.json.JSONObject;
import org.jspecify.annotations.Nullable;

/** Reads the fields of a client event's payload object, refusing missing or wrongly typed ones by name. */
final class Payload {

    private final JSONObject json;

    private Payload(JSONObject json) {
        this.json = json;
    }

    static Payload of(Object[] args) throws ClientError {
        if (args.length == 0 || !(args[0] instanceof JSONObject json)) {
            throw ClientError.invalid(null, "the payload must be a JSON object");
        }
        return new Payload(json);
    }

    /** The {@code user_id} of the thread, a positive whole number, if the client sent one. */
    @Nullable StudentId thread() throws ClientError {
        if (!json.has("user_id") || json.isNull("user_id")) {
            return null;
        }
        Object value = json.get("user_id");
        if (!(value instanceof Integer id) || id <= 0) {
            throw ClientError.invalid("user_id", "user_id must be a positive whole number");
        }
        return StudentId.of(id);
    }

    String message() throws ClientError {
        Object value = json.opt("message");
        if (!(value instanceof String text)) {
            throw ClientError.invalid("message", "message must be a string");
        }
        return text;
    }

    /** The {@code sender} the client claims, if it claims one. */
    @Nullable Side sender() throws ClientError {
        if (!json.has("sender") || json.isNull("sender")) {
            return null;
        }
        Object value = json.get("sender");
        try {
            if (value instanceof String text) {
                return Side.fromSenderColumn(text);
            }
        } catch (IllegalArgumentException e) {
            throw ClientError.invalid("sender", e.getMessage());
        }
        throw ClientError.invalid("sender", "sender must be 'student' or 'teacher'");
    }

    /** The client's {@code idempotency_key} for a post, if it sent one. */
    @Nullable IdempotencyKey idempotencyKey() throws ClientError {
        if (!json.has("idempotency_key") || json.isNull("idempotency_key")) {
            return null;
        }
        Object value = json.get("idempotency_key");
        try {
            if (value instanceof String text) {
                return new IdempotencyKey(text);
            }
        } catch (IllegalArgumentException e) {
            throw ClientError.invalid("idempotency_key", e.getMessage());
        }
        throw ClientError.invalid("idempotency_key", "idempotency_key must be a string");
    }

    /** A room to join or leave: a number, a numeric string, or {@code {userId}} / {@code {user_id}}. */
    static StudentId room(Object[] args) throws ClientError {
        Object value = args.length == 0 ? null : args[0];
        if (value instanceof JSONObject object) {
            value = object.has("userId") ? object.get("userId") : object.opt("user_id");
        }
        if (value instanceof String text) {
            Optional<StudentId> named = Room.studentOf(text);
            if (named.isPresent()) {
                return named.get();
            }
        }
        try {
            int id = value instanceof Integer number ? number : Integer.parseInt(String.valueOf(value).trim());
            if (id > 0) {
                return StudentId.of(id);
            }
        } catch (NumberFormatException e) {
            throw ClientError.invalid("userId", "userId must be a positive whole number");
        }
        throw ClientError.invalid("userId", "userId must be a positive whole number");
    }
}
