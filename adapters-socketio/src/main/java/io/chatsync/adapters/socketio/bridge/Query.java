package io.chatsync.adapters.socketio.bridge;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A request's query string as Engine.IO reads it: the first value of each name, decoded. */
final class Query {

    /**
     * The names and values nearly every handshake carries. A connection keeps its query for its life (Engine.IO
     * reads it), so these are kept once for all connections instead of once for each.
     */
    private static final Map<String, String> COMMON = Map.of("EIO", "EIO", "4", "4", "transport", "transport",
            "websocket", "websocket", "polling", "polling");

    private Query() {
    }

    /** The pairs of {@code raw}; a pair whose escapes are malformed is left out. */
    static Map<String, String> parse(@Nullable String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                query.putIfAbsent(COMMON.getOrDefault(key, key), COMMON.getOrDefault(value, value));
            } catch (IllegalArgumentException e) {
                // A malformed escape names nothing the protocol uses; the rest of the query still counts.
                continue;
            }
        }
        return query;
    }
}
