package io.chatsync.adapters.socketio.gateway;

import org.jspecify.annotations.Nullable;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * What a reconnecting Socket.IO client adds to its CONNECT payload, beside its {@code auth}: the {@code pid} its last
 * CONNECT reply carried and the {@code offset} of the last event it had (absent, or null, before its first).
 */
record ResumeRequest(@Nullable String pid, @Nullable String offset) {

    /** @param payload the CONNECT packet's JSON, already read once as the client's {@code auth} */
    static ResumeRequest of(String payload) {
        if (payload.isEmpty()) {
            return new ResumeRequest(null, null);
        }
        try {
            JSONObject json = new JSONObject(payload);
            return new ResumeRequest(text(json.opt("pid")), text(json.opt("offset")));
        } catch (JSONException e) {
            return new ResumeRequest(null, null);
        }
    }

    private static @Nullable String text(@Nullable Object value) {
        return value instanceof String text && !text.isEmpty() ? text : null;
    }
}
