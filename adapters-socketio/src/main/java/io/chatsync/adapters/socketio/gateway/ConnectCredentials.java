package io.chatsync.adapters.socketio.gateway;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.json.JSONObject;

/**
 * What a client sent to say who it is: the {@code auth} object of its Socket.IO CONNECT, and the query and headers
 * of its first Engine.IO request.
 */
record ConnectCredentials(JSONObject auth, Map<String, String> query, Map<String, List<String>> headers) {

    /**
     * The token from {@code auth.token}, an {@code Authorization: Bearer} header, or, where {@code fromQuery}, the
     * {@code token} query parameter.
     */
    Optional<String> token(boolean fromQuery) {
        String fromAuth = auth == null ? null : auth.optString("token", null);
        if (fromAuth != null && !fromAuth.isBlank()) {
            return Optional.of(fromAuth);
        }
        Optional<String> bearer = header("authorization")
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim());
        if (bearer.isPresent()) {
            return bearer;
        }
        if (!fromQuery) {
            return Optional.empty();
        }
        return Optional.ofNullable(query == null ? null : query.get("token")).filter(value -> !value.isBlank());
    }

    /** The legacy identity: {@code auth.userId} or the {@code userId} query parameter. */
    Optional<String> legacyUserId() {
        Object fromAuth = auth == null ? null : auth.opt("userId");
        if (fromAuth != null && fromAuth != JSONObject.NULL && !fromAuth.toString().isBlank()) {
            return Optional.of(fromAuth.toString());
        }
        return Optional.ofNullable(query == null ? null : query.get("userId")).filter(value -> !value.isBlank());
    }

    /** The first value of the header {@code name}, whatever its case. */
    Optional<String> header(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey() != null && entry.getKey().toLowerCase(Locale.ROOT).equals(lower))
                .flatMap(entry -> entry.getValue().stream())
                .findFirst();
    }
}
