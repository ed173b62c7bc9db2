package io.chatsync.adapters.socketio.bridge;

import io.chatsync.adapters.socketio.gateway.ClientConnection;
import io.chatsync.adapters.socketio.gateway.Networks;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The client's own address: the connection's peer, unless the peer is one of the configured trusted proxies; then
 * the last address in {@code X-Forwarded-For} that is not itself a trusted proxy. A header from anyone else is
 * ignored, so no client picks its own address.
 */
public final class ClientAddresses {

    private final Networks trustedProxies;

    public ClientAddresses(Networks trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /** A new connection from {@code peer}, which asked with {@code headers}. */
    ClientConnection connection(InetAddress peer, Map<String, List<String>> headers, boolean polling) {
        if (!trustedProxies.contains(peer)) {
            return new ClientConnection(peer, false, polling);
        }
        InetAddress client = peer;
        List<String> forwarded = headers.entrySet().stream()
                .filter(entry -> entry.getKey() != null
                        && entry.getKey().toLowerCase(Locale.ROOT).equals("x-forwarded-for"))
                .flatMap(entry -> entry.getValue().stream())
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::trim)
                .toList();
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(forwarded.get(i));
            if (hop == null) {
                break;
            }
            client = hop;
            if (!trustedProxies.contains(hop)) {
                break;
            }
        }
        return new ClientConnection(client, true, polling);
    }

    /** An IP address as written; none for anything else (host names are never looked up). */
    private static @Nullable InetAddress literal(String text) {
        String address = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean numeric = !address.isEmpty() && (address.indexOf(':') >= 0
                || address.chars().allMatch(c -> c == '.' || Character.isDigit(c)));
        if (!numeric) {
            return null;
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
