package io.chatsync.adapters.socketio.gateway;

import java.util.Set;
import org.json.JSONException;
import org.json.JSONTokener;

/**
 * A raw Socket.IO packet from a client, read only as far as the gateway must: its type, its namespace and, for an
 * event, whether its name is one Socket.IO keeps for itself. Written
 * {@code <type>[<attachments>-][<namespace>,][<ack id>][<json>]}.
 *
 * @param payload what follows the namespace (an ack id and JSON, or the CONNECT's auth object)
 */
record InboundPacket(Kind kind, String namespace, String payload) {

    /** The event names Socket.IO keeps for itself, as the official clients list them. */
    static final Set<String> RESERVED = Set.of("connect", "connect_error", "disconnect", "disconnecting",
            "newListener", "removeListener");

    enum Kind { CONNECT, DISCONNECT, EVENT, ACK, BINARY, MALFORMED }

    static InboundPacket parse(String packet) {
        if (packet.isEmpty()) {
            return new InboundPacket(Kind.MALFORMED, "/", "");
        }
        Kind kind = switch (packet.charAt(0)) {
            case '0' -> Kind.CONNECT;
            case '1' -> Kind.DISCONNECT;
            case '2' -> Kind.EVENT;
            case '3' -> Kind.ACK;
            case '5', '6' -> Kind.BINARY;
            default -> Kind.MALFORMED;
        };
        if (kind == Kind.BINARY || kind == Kind.MALFORMED) {
            return new InboundPacket(kind, "/", "");
        }
        if (packet.length() > 1 && packet.charAt(1) == '/') {
            int comma = packet.indexOf(',', 1);
            String namespace = comma < 0 ? packet.substring(1) : packet.substring(1, comma);
            return new InboundPacket(kind, namespace, comma < 0 ? "" : packet.substring(comma + 1));
        }
        String payload = packet.substring(1);
        if (kind == Kind.CONNECT && !payload.isEmpty() && payload.charAt(0) != '{') {
            return new InboundPacket(Kind.MALFORMED, "/", "");
        }
        return new InboundPacket(kind, "/", payload);
    }

    boolean mainNamespace() {
        return "/".equals(namespace);
    }

    /**
     * Whether it is an EVENT whose name the library emits on the socket itself ({@code disconnect}, …): the library
     * hands a client's event to the same listeners, so {@code 42["disconnect"]} would run the node's clean-up for a
     * socket that stays connected, its token's expiry cancelled with it. The official clients refuse to send these
     * names.
     */
    boolean reservedEvent() {
        if (kind != Kind.EVENT) {
            return false;
        }
        int ackId = 0;
        while (ackId < payload.length() && Character.isDigit(payload.charAt(ackId))) {
            ackId++;
        }
        // Reads the name and stops: the rest of the frame (up to the frame limit) is neither copied nor parsed here.
        JSONTokener tokens = new JSONTokener(payload);
        try {
            tokens.next(ackId);
            return tokens.nextClean() == '[' && tokens.nextValue() instanceof String name && RESERVED.contains(name);
        } catch (JSONException e) {
            // Not an event at all: the library's decoder refuses it, and no listener hears of it.
            return false;
        }
    }
}
