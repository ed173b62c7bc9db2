package io.chatsync.adapters.socketio.bridge;

import io.socket.engineio.server.EngineIoWebSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;

/** A Spring WebSocket session as Engine.IO's transport; writes go through the connection's {@link Outbox}. */
final class SpringEngineIoWebSocket extends EngineIoWebSocket {

    private final Map<String, String> query;
    private final Map<String, List<String>> headers;
    private final Outbox outbox;

    /** Keeps compact, immutable copies of {@code query} and {@code headers}: they last as long as the connection. */
    SpringEngineIoWebSocket(Map<String, String> query, Map<String, List<String>> headers, Outbox outbox) {
        this.query = Map.copyOf(query);
        Map<String, List<String>> kept = new HashMap<>();
        headers.forEach((name, values) -> kept.put(name, List.copyOf(values)));
        this.headers = Map.copyOf(kept);
        this.outbox = outbox;
    }

    @Override
    public Map<String, String> getQuery() {
        return query;
    }

    @Override
    public Map<String, List<String>> getConnectionHeaders() {
        return headers;
    }

    @Override
    public void write(String message) {
        outbox.send(new TextMessage(message));
    }

    @Override
    public void write(byte[] message) {
        outbox.send(new BinaryMessage(message));
    }

    @Override
    public void close() {
        outbox.closeQuietly(CloseStatus.NORMAL);
    }

    /** Drops the connection of a client that broke the protocol (see {@link Outbox#abort}). */
    void abort(CloseStatus status) {
        outbox.abort(status);
    }
}
