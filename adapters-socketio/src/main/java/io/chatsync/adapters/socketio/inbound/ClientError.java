package io.chatsync.adapters.socketio.inbound;

import org.json.JSONObject;

/**
 * A refused client event, as its acknowledgement carries it: {@code {"ok":false,"error":{code,message,field?}}}.
 */
final class ClientError extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String field;

    ClientError(String code, String message, String field) {
        super(message);
        this.code = code;
        this.field = field;
    }

    static ClientError invalid(String field, String message) {
        return new ClientError("invalid_payload", message, field);
    }

    JSONObject toAck() {
        JSONObject error = new JSONObject().put("code", code).put("message", getMessage());
        if (field != null) {
            error.put("field", field);
        }
        return new JSONObject().put("ok", false).put("error", error);
    }
}
