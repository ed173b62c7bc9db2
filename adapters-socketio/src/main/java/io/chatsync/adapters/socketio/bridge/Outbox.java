package io.chatsync.adapters.socketio.bridge;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The frames waiting for one WebSocket connection. Senders only enqueue; one writer task at a time drains the
 * queue on the executor, so a client that stops reading holds up its own writer and nobody else. A connection
 * with more than {@code limit} frames waiting is closed.
 */
final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    static final CloseStatus TOO_SLOW = new CloseStatus(1008, "the client does not read fast enough");

    private final WebSocketSession session;
    private final int limit;
    private final Executor writers;
    private final Runnable onOverflow;
    private final Queue<WebSocketMessage<?>> frames = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    Outbox(WebSocketSession session, int limit, Executor writers, Runnable onOverflow) {
        this.session = session;
        this.limit = limit;
        this.writers = writers;
        this.onOverflow = onOverflow;
    }

    void send(WebSocketMessage<?> frame) {
        if (closed.get()) {
            return;
        }
        if (waiting.incrementAndGet() > limit) {
            overflow();
            return;
        }
        frames.add(frame);
        if (writing.compareAndSet(false, true)) {
            writers.execute(this::drain);
        }
    }

    private void drain() {
        do {
            try {
                WebSocketMessage<?> frame;
                while ((frame = frames.poll()) != null) {
                    waiting.decrementAndGet();
                    if (!closed.get()) {
                        write(frame);
                    }
                }
            } finally {
                writing.set(false);
            }
            // A frame may have been added after the last poll but before the flag was cleared.
        } while (!frames.isEmpty() && writing.compareAndSet(false, true));
    }

    private void write(WebSocketMessage<?> frame) {
        try {
            session.sendMessage(frame);
        } catch (IOException | RuntimeException e) {
            log.debug("Writing to WebSocket {} failed, closing it: {}", session.getId(), e.getMessage());
            closeQuietly(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    private void overflow() {
        if (closed.compareAndSet(false, true)) {
            log.info("Closing WebSocket {}: more than {} frames waiting for a client that does not read",
                    session.getId(), limit);
            frames.clear();
            writers.execute(() -> {
                closeSession(TOO_SLOW);
                onOverflow.run();
            });
        }
    }

    void closeQuietly(CloseStatus status) {
        if (closed.compareAndSet(false, true)) {
            closeSession(status);
        }
    }

    private void closeSession(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException e) {
            log.debug("Closing WebSocket {} failed: {}", session.getId(), e.getMessage());
        }
    }
}
