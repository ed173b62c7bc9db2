package io.chatsync.adapters.socketio.bridge;

import io.chatsync.adapters.socketio.gateway.Gateway;
import io.chatsync.adapters.socketio.gateway.Gateways;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * Engine.IO over WebSocket on {@code /socket.io/}: each session becomes an Engine.IO WebSocket of the gateway of
 * its port. Frames arrive in parts; one longer than the configured limit closes the connection (1009).
 */
public class EngineIoWebSocketHandler extends AbstractWebSocketHandler {

    private static final String TRANSPORT = "chatsync.transport";
    private static final String PARTIAL = "chatsync.partial";
    private static final String PARTIAL_BINARY = "chatsync.partial-binary";

    private final Gateways gateways;
    private final Executor writers;
    private final int outboxFrames;
    private final int maxFrameBytes;
    private final Counter slowDisconnects;

    public EngineIoWebSocketHandler(Gateways gateways, Executor writers, int outboxFrames, int maxFrameBytes,
            MeterRegistry meters) {
        this.gateways = gateways;
        this.writers = writers;
        this.outboxFrames = outboxFrames;
        this.maxFrameBytes = maxFrameBytes;
        this.slowDisconnects = Counter.builder("chatsync.socketio.slow-disconnects")
                .description("WebSocket connections closed because their client did not read").register(meters);
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        InetSocketAddress local = session.getLocalAddress();
        Optional<Gateway> gateway = local == null ? Optional.empty() : gateways.forPort(local.getPort());
        if (gateway.isEmpty()) {
            session.close(CloseStatus.POLICY_VIOLATION.withReason("this port serves no Socket.IO gateway"));
            return;
        }
        SpringEngineIoWebSocket[] transport = new SpringEngineIoWebSocket[1];
        Outbox outbox = new Outbox(session, outboxFrames, writers, () -> {
            slowDisconnects.increment();
            transport[0].emit("close");
        });
        transport[0] = new SpringEngineIoWebSocket(query(session), headers(session.getHandshakeHeaders()), outbox);
        session.getAttributes().put(TRANSPORT, transport[0]);
        gateway.get().engine().handleWebSocket(transport[0]);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
        String complete = assemble(session, message.getPayload(), message.isLast());
        if (complete != null) {
            transport(session).ifPresent(transport -> transport.emit("message", complete));
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws Exception {
        ByteArrayOutputStream partial = (ByteArrayOutputStream) session.getAttributes()
                .computeIfAbsent(PARTIAL_BINARY, key -> new ByteArrayOutputStream());
        byte[] part = new byte[message.getPayloadLength()];
        message.getPayload().get(part);
        partial.write(part);
        if (tooLong(session, partial.size())) {
            session.getAttributes().remove(PARTIAL_BINARY);
            return;
        }
        if (message.isLast()) {
            session.getAttributes().remove(PARTIAL_BINARY);
            byte[] bytes = partial.toByteArray();
            transport(session).ifPresent(transport -> transport.emit("message", (Object) bytes));
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

    /** The whole frame once its last part arrived, or null while parts are still coming or it grew too long. */
    private String assemble(WebSocketSession session, String part, boolean last) throws Exception {
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
        // Characters are at least one byte each, so this never closes a frame within the limit.
        if (chars <= maxFrameBytes) {
            return false;
        }
        session.close(CloseStatus.TOO_BIG_TO_PROCESS.withReason("frames are limited to " + maxFrameBytes + " bytes"));
        return true;
    }

    private static Optional<SpringEngineIoWebSocket> transport(WebSocketSession session) {
        return Optional.ofNullable((SpringEngineIoWebSocket) session.getAttributes().get(TRANSPORT));
    }

    private static Map<String, String> query(WebSocketSession session) {
        Map<String, String> query = new HashMap<>();
        String raw = session.getUri() == null ? null : session.getUri().getRawQuery();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            query.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }

    /** Spring 7's {@code HttpHeaders} is no map; Engine.IO wants one. */
    private static Map<String, List<String>> headers(HttpHeaders headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, new ArrayList<>(values)));
        return copy;
    }
}
