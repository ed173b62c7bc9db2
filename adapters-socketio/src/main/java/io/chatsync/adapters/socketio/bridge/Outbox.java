package io.chatsync.adapters.socketio.bridge;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tomcat.websocket.WsSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * The frames waiting for one WebSocket connection. Senders only enqueue; one writer task at a time drains the
 * queue on the executor, so a client that stops reading holds up its own writer and nobody else. A client counts
 * as not reading when frames have waited for it and none was written for {@code slowAfter}, or when more than
 * {@code limit} wait; its connection is then closed. Time behind, not the number of frames, is what tells a client
 * that stopped reading from one that falls behind for a moment on a busy machine, where a staff socket receiving
 * a thousand frames a second would pass any small count.
 *
 * <p>When a writer finds several frames waiting (a staff socket gets one per message of a read, a read takes what
 * committed in the last few milliseconds), it has the container hold them and writes them with one flush: one
 * system call and one wake-up of the client for all of them instead of one per frame. A frame found alone is
 * written at once, as before, and a large one in a write of its own.
 */
final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    static final CloseStatus TOO_SLOW = new CloseStatus(1008, "the client does not read fast enough");

    /** Tomcat's size of each WebSocket connection's buffers, its output buffer among them (8 KB by default). */
    static final String CONTAINER_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    /**
     * The largest frame the container is asked to hold with others, in characters (bytes for a binary frame).
     * Held frames are copied into its output buffer (its size is set in {@code ChatsyncApplication}, and read here
     * as the container reads it); a larger frame would go out in pieces of it, and goes in a write of its own
     * instead.
     */
    static final int LARGEST_HELD = Integer.getInteger(CONTAINER_BUFFER_PROPERTY, 8192);

    /** Tomcat's session property: how long a blocking write may wait for the client, in milliseconds. */
    static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final WebSocketSession session;
    private final RemoteEndpoint.Basic batches;
    private final int limit;
    private final long slowAfterNanos;
    private final Executor writers;
    private final RecentFrames recent;
    private final Runnable onOverflow;
    private final Queue<WebSocketMessage<?>> frames = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean slow = new AtomicBoolean();
    /** When a frame was last written, or the queue last began to fill: the client has been behind since then. */
    private volatile long progressNanos = System.nanoTime();

    Outbox(WebSocketSession session, int limit, Duration slowAfter, Executor writers, RecentFrames recent,
            Runnable onOverflow) {
        this.session = session;
        Session container = containerSession(session);
        this.batches = container == null ? null : container.getBasicRemote();
        this.limit = limit;
        this.slowAfterNanos = slowAfter.toNanos();
        this.writers = writers;
        this.recent = recent;
        this.onOverflow = onOverflow;
        if (container != null) {
            // A write the client takes nothing of for as long as a slow reader is given fails, and the writer with
            // it, instead of waiting the container's default of 20 s.
            container.getUserProperties().put(BLOCKING_SEND_TIMEOUT, slowAfter.toMillis());
        }
    }

    void send(WebSocketMessage<?> frame) {
        if (closed.get()) {
            return;
        }
        int queued = waiting.incrementAndGet();
        if (queued == 1) {
            progressNanos = System.nanoTime();
        } else if (queued > limit) {
            overflow("more than " + limit + " frames waiting");
            return;
        } else if (System.nanoTime() - progressNanos > slowAfterNanos) {
            overflow("no frame taken for " + slowAfterNanos / 1_000_000 + " ms while " + queued + " waited");
            return;
        } else if (frame instanceof TextMessage text) {
            // It waits behind others, maybe for long: the copy other connections queued of it will do.
            frame = recent.shared(text);
        }
        frames.add(frame);
        if (writing.compareAndSet(false, true)) {
            writers.execute(this::drain);
        }
    }

    private void drain() {
        do {
            boolean batching = false;
            try {
                WebSocketMessage<?> frame;
                while ((frame = frames.poll()) != null) {
                    waiting.decrementAndGet();
                    if (!closed.get()) {
                        boolean small = size(frame) <= LARGEST_HELD;
                        if (small && !batching && frames.peek() != null) {
                            batching = batch(true);
                        } else if (!small && batching) {
                            // Sends what is held, then this frame straight from its own buffer.
                            batching = batch(false);
                        }
                        write(frame);
                    }
                }
            } finally {
                if (batching && !closed.get()) {
                    // Sends what the container holds, before another writer may start.
                    batch(false);
                }
                writing.set(false);
            }
            // A frame may have been added after the last poll but before the flag was cleared.
        } while (!frames.isEmpty() && writing.compareAndSet(false, true));
    }

    /** Characters of a text frame (its UTF-8 bytes would have to be encoded to count them), bytes of another. */
    private static int size(WebSocketMessage<?> frame) {
        return frame instanceof TextMessage text ? text.getPayload().length() : frame.getPayloadLength();
    }

    /** Has the container hold (or, ending a batch, send) the frames written; false when it cannot. */
    private boolean batch(boolean hold) {
        if (batches == null) {
            return false;
        }
        try {
            batches.setBatchingAllowed(hold);
            if (!hold) {
                progressNanos = System.nanoTime();
            }
            return hold;
        } catch (IOException | RuntimeException e) {
            failed(e);
            return false;
        }
    }

    /** The container's own session behind Spring's, which can batch and has user properties; null where none. */
    private static Session containerSession(WebSocketSession session) {
        return session instanceof NativeWebSocketSession wrapper
                && wrapper.getNativeSession() instanceof Session container ? container : null;
    }

    private void write(WebSocketMessage<?> frame) {
        try {
            session.sendMessage(frame);
            progressNanos = System.nanoTime();
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    /**
     * A write the client will never see whole: the connection is closed, and its Socket.IO socket with it. A write
     * that timed out waited for the client for as long as a slow reader is given (the container's blocking-send
     * time-out is set to it), so that client is closed as one.
     */
    private void failed(Exception e) {
        if (timedOut(e)) {
            // The container may have closed the session itself on the time-out, before this writer heard of it:
            // the client is counted as a slow reader all the same.
            cutAsSlow("a write waited " + slowAfterNanos / 1_000_000 + " ms without the client taking anything");
            return;
        }
        log.debug("Writing to WebSocket {} failed, closing it: {}", session.getId(), e.getMessage());
        closeQuietly(CloseStatus.SESSION_NOT_RELIABLE);
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private void overflow(String why) {
        if (!closed.get()) {
            cutAsSlow(why);
        }
    }

    /** Closes the connection of a client that does not read, and counts it; once, however it is found. */
    private void cutAsSlow(String why) {
        if (slow.compareAndSet(false, true)) {
            closed.set(true);
            log.info("Closing WebSocket {} of a client that does not read: {}", session.getId(), why);
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

    /**
     * Closes a connection whose client broke the protocol, dropping the socket right after the close frame: a
     * client that keeps sending (megabytes of binary, say) is not read on while the container would wait for its
     * close frame.
     */
    void abort(CloseStatus status) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        frames.clear();
        if (session instanceof NativeWebSocketSession wrapper && wrapper.getNativeSession() instanceof WsSession tomcat) {
            CloseReason reason = new CloseReason(CloseReason.CloseCodes.getCloseCode(status.getCode()),
                    status.getReason() == null ? "" : status.getReason());
            tomcat.doClose(reason, reason, true);
        } else {
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
