package io.chatsync.adapters.socketio.gateway;

/**
 * A raw Socket.IO packet from a client, read only as far as the gateway must: its type and namespace. Written
 * {@code <type>[<attachments>-][<namespace>,][<ack id>][<json>]}.
 *
 * @param payload what follows the namespace (an ack id and JSON, or the CONNECT's auth object)
 */
record InboundPacket(Kind kind, String namespace, String payload) {

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
}
