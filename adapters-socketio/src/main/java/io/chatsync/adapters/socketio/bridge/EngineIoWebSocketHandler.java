package io.chatsync.adapters.socketio.bridge;

import io.chatsync.adapters.socketio.gateway.ClientConnection;
import io.chatsync.adapters.socketio.gateway.Gateway;
import io.chatsync.adapters.socketio.gateway.Gateways;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * Engine.IO over WebSocket on {@code /socket.io/}: each session becomes an Engine.IO WebSocket of the gateway of
 * its port. Frames arrive in parts and are assembled here up to the connection's limit, which is small until its
 * CONNECT is authenticated; a longer one closes the connection (1009), and so does any binary frame (1003): the
 * chat protocol is JSON text.
 */
public class EngineIoWebSocketHandler extends AbstractWebSocketHandler {

    private static final String TRANSPORT = "chatsync.transport";
    private static final String CONNECTION = "chatsync.connection";
    private static final String PARTIAL = "chatsync.partial";
    private static final String DROPPED = "chatsync.dropped";
    static final CloseStatus BINARY_REFUSED = new CloseStatus(1003, "binary frames are not part of this protocol");
    static final CloseStatus PROTOCOL_BROKEN = CloseStatus.POLICY_VIOLATION.withReason("not the chat protocol");

    private final Gateways gateways;
    private final ClientAddresses addresses;
    private final Executor writers;
    private final Counter slowDisconnects;
    private final RecentFrames recentFrames = new RecentFrames();

    public EngineIoWebSocketHandler(Gateways gateways, ClientAddresses addresses, Executor writers,
            MeterRegistry meters) {
        this.gateways = gateways;
        this.addresses = addresses;
        this.writers = writers;
        this.slowDisconnects = Counter.builder("chatsync.socketio.slow-disconnects")
                .description("WebSocket connections closed because their client did not read").register(meters);
    }

    /** The handshakes of this handler's connections: each session keeps only the {@link HandshakeHeaders}. */
    public static HandshakeHandler handshakes() {
        return new DefaultHandshakeHandler(new HandshakeHeaders.Upgrade());
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        InetSocketAddress local = session.getLocalAddress();
        Optional<Gateway> found = local == null ? Optional.empty() : gateways.forPort(local.getPort());
        InetSocketAddress remote = session.getRemoteAddress();
        if (found.isEmpty() || remote == null) {
            session.close(CloseStatus.POLICY_VIOLATION.withReason("this port serves no Socket.IO gateway"));
            return;
        }
        Gateway gateway = found.get();
        Map<String, String> query = query(session);
        if (!"4".equals(query.get("EIO"))) {
            session.close(CloseStatus.POLICY_VIOLATION.withReason("only Engine.IO protocol 4 (Socket.IO v3 and v4)"));
            return;
        }
        Map<String, List<String>> headers = HandshakeHeaders.of(session.getHandshakeHeaders());
        String sid = query.get("sid");
        ClientConnection connection;
        if (sid == null) {
            connection = addresses.connection(remote.getAddress(), headers, false);
        } else {
            // An upgrade of a polling session: the guard it has had since its handshake goes on.
            Optional<ClientConnection> upgrading = gateway.connection(sid);
            if (upgrading.isEmpty()) {
                session.close(CloseStatus.POLICY_VIOLATION.withReason("unknown session"));
                return;
            }
            connection = upgrading.get();
        }
        SpringEngineIoWebSocket[] transport = new SpringEngineIoWebSocket[1];
        Outbox outbox = new Outbox(session, gateway.limits().outboxFrames(), gateway.limits().slowReaderTimeout(),
                writers, recentFrames, () -> {
            slowDisconnects.increment();
            transport[0].emit("close");
        });
        transport[0] = new SpringEngineIoWebSocket(query, headers, outbox);
        connection.onAbort(() -> transport[0].abort(PROTOCOL_BROKEN));
        session.getAttributes().put(TRANSPORT, transport[0]);
        session.getAttributes().put(CONNECTION, connection);
        if (sid != null) {
            gateway.engine().handleWebSocket(transport[0]);
        } else if (!gateway.open(connection, () -> gateway.engine().handleWebSocket(transport[0]))) {
            session.getAttributes().remove(TRANSPORT);
            session.close(CloseStatus.SERVICE_OVERLOAD.withReason("too many connections without a CONNECT"));
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
        if (session.getAttributes().containsKey(DROPPED)) {
            return;
        }
        String complete = assemble(session, message.getPayload(), message.isLast());
        if (complete != null) {
            transport(session).ifPresent(transport -> transport.emit("message", complete));
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws Exception {
        ClientConnection connection = (ClientConnection) session.getAttributes().get(CONNECTION);
        String from = connection == null ? "?" : connection.client().getHostAddress();
        drop(session, BINARY_REFUSED, "binary-frame", "a binary WebSocket frame from " + from);
    }

    /** Counts the refusal once and drops the connection; parts still arriving from it are ignored. */
    private void drop(WebSocketSession session, CloseStatus status, String reason, String what) throws Exception {
        session.getAttributes().remove(PARTIAL);
        if (session.getAttributes().put(DROPPED, Boolean.TRUE) != null) {
            return;
        }
        gateway(session).ifPresent(gateway -> gateway.refusals().refused(reason, what + "; connection closed"));
        Optional<SpringEngineIoWebSocket> transport = transport(session);
        if (transport.isPresent()) {
            transport.get().abort(status);
        } else {
            session.close(status);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        transport(session).ifPresent(transport -> transport.emit("error", "transport error",
                String.valueOf(exception.getMessage())));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        transport(session).ifPresent(transport -> transport.emit("close"));
    }

    /** The whole frame once its last part arrived; none while parts are still coming or when it grew too long. */
    private @Nullable String assemble(WebSocketSession session, String part, boolean last) throws Exception {
        StringBuilder partial = (StringBuilder) session.getAttributes().get(PARTIAL);
        if (partial == null && last) {
            return tooLong(session, part.length()) ? null : part;
        }
        if (partial == null) {
            partial = new StringBuilder(part.length() * 2);
            session.getAttributes().put(PARTIAL, partial);
        }
        partial.append(part);
        if (tooLong(session, partial.length())) {
            session.getAttributes().remove(PARTIAL);
            return null;
        }
        if (!last) {
            return null;
        }
        session.getAttributes().remove(PARTIAL);
        return partial.toString();
    }

    private boolean tooLong(WebSocketSession session, int chars) throws Exception {
        ClientConnection connection = (ClientConnection) session.getAttributes().get(CONNECTION);
        Optional<Gateway> gateway = gateway(session);
        if (connection == null || gateway.isEmpty()) {
            session.close(CloseStatus.POLICY_VIOLATION);
            return true;
        }
        int limit = connection.frameLimit(gateway.get().limits());
        // Characters are at least one byte each, so this never closes a frame within the limit.
        if (chars <= limit) {
            return false;
        }
        drop(session, CloseStatus.TOO_BIG_TO_PROCESS.withReason("frames are limited to " + limit + " bytes"),
                connection.isAuthenticated() ? "frame-too-long" : "connect-frame-too-long",
                "a frame of more than " + limit + " bytes from " + connection.client().getHostAddress());
        return true;
    }

    private Optional<Gateway> gateway(WebSocketSession session) {
        InetSocketAddress local = session.getLocalAddress();
        return local == null ? Optional.empty() : gateways.forPort(local.getPort());
    }

    private static Optional<SpringEngineIoWebSocket> transport(WebSocketSession session) {
        return Optional.ofNullable((SpringEngineIoWebSocket) session.getAttributes().get(TRANSPORT));
    }

    /** The handshake's query: handed over once by the upgrade ({@link HandshakeHeaders#QUERY}), else the URI's. */
    private static Map<String, String> query(WebSocketSession session) {
        Object handedOver = session.getAttributes().remove(HandshakeHeaders.QUERY);
        if (handedOver instanceof String raw) {
            return Query.parse(raw);
        }
        return Query.parse(session.getUri() == null ? null : session.getUri().getRawQuery());
    }
}
