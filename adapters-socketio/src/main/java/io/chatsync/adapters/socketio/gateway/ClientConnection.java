package io.chatsync.adapters.socketio.gateway;

import io.socket.engineio.server.Emitter;
import io.socket.engineio.server.EngineIoSocket;
import io.socket.engineio.server.parser.Packet;
import java.net.InetAddress;
import java.util.Collection;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.json.JSONObject;

/**
 * One Engine.IO connection as its gateway guards it: where it comes from, whether a CONNECT on it was
 * authenticated, how long a frame it may send, and, while it polls, how much waits for its next poll.
 */
public final class ClientConnection {

    private final InetAddress client;
    private final boolean viaTrustedProxy;
    /** Whether it is counted among the {@link Strangers}: from its admission until it signs in or closes. */
    private final AtomicBoolean stranger = new AtomicBoolean();
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile boolean polling;
    private volatile boolean authenticated;
    private volatile long lastPollNanos = System.nanoTime();
    private volatile @Nullable EngineIoSocket engine;
    private volatile @Nullable ScheduledFuture<?> deadline;
    private volatile @Nullable Runnable abort;
    private volatile @Nullable String pid;

    /**
     * @param client the client's address: the peer's, or the one a trusted proxy forwarded
     * @param viaTrustedProxy whether the request came through one of the trusted proxies
     * @param polling whether it starts on long-polling (it may upgrade to WebSocket later)
     */
    public ClientConnection(InetAddress client, boolean viaTrustedProxy, boolean polling) {
        this.client = client;
        this.viaTrustedProxy = viaTrustedProxy;
        this.polling = polling;
    }

    public InetAddress client() {
        return client;
    }

    boolean viaTrustedProxy() {
        return viaTrustedProxy;
    }

    /** The longest frame (or polling post) this connection may send now. */
    public int frameLimit(GatewaySettings.Limits limits) {
        return authenticated ? limits.maxFrameBytes() : limits.connectFrameBytes();
    }

    public boolean isAuthenticated() {
        return authenticated;
    }

    /** A long-poll arrived: the client is reading. */
    public void polled() {
        lastPollNanos = System.nanoTime();
    }

    long nanosSinceLastPoll(long now) {
        return now - lastPollNanos;
    }

    boolean isPolling() {
        return polling;
    }

    void upgraded() {
        polling = false;
        waiting.set(0);
    }

    void attach(EngineIoSocket socket) {
        engine = socket;
        socket.on("flush", (Emitter.Listener) args -> {
            // Whatever waited for the client has now been written to its poll.
            waiting.set(0);
            String sessionPid = pid;
            if (sessionPid != null && args.length > 0 && args[0] instanceof Collection<?> packets
                    && packets.stream().anyMatch(packet -> addPid(packet, sessionPid))) {
                pid = null;
            }
        });
    }

    /**
     * The library's CONNECT reply to this connection will carry {@code pid} beside {@code sid}, as Socket.IO's
     * connection state recovery has it. The library writes {@code {"sid":…}} only; the engine hands every packet to
     * "flush" listeners before it writes them, and the packet's text is a public field, so the reply gains the pid
     * there, once (docs/resume.md).
     */
    void replyWithPid(String sessionPid) {
        pid = sessionPid;
    }

    /** Adds the pid to a CONNECT reply to the main namespace ({@code 0{"sid":…}}); false for any other packet. */
    @SuppressWarnings("unchecked")
    private static boolean addPid(Object candidate, String sessionPid) {
        if (!(candidate instanceof Packet<?> packet) || !Packet.MESSAGE.equals(packet.type)
                || !(packet.data instanceof String text) || !text.startsWith("0{")) {
            return false;
        }
        JSONObject reply = new JSONObject(text.substring(1)).put("pid", sessionPid);
        ((Packet<Object>) packet).data = "0" + reply;
        return true;
    }

    void authenticated() {
        authenticated = true;
        cancelDeadline();
    }

    void countAsStranger() {
        stranger.set(true);
    }

    /** Takes it off the strangers' count; true exactly once after {@link #countAsStranger()}. */
    boolean leaveStrangers() {
        return stranger.compareAndSet(true, false);
    }

    void deadline(ScheduledFuture<?> future) {
        deadline = future;
    }

    void cancelDeadline() {
        ScheduledFuture<?> future = deadline;
        if (future != null) {
            future.cancel(false);
            // Not kept for the connection's life: a cancelled task is a few hundred bytes on every socket.
            deadline = null;
        }
    }

    /**
     * Sends a Socket.IO packet. While the connection polls, packets wait in memory for its next poll: past
     * {@code limit} of them the connection is closed instead, as a WebSocket's outbox would be.
     *
     * @return false when the packet was not sent because too many were waiting
     */
    boolean send(Packet<?> packet, int limit) {
        EngineIoSocket socket = engine;
        if (socket == null) {
            return false;
        }
        if (polling && waiting.incrementAndGet() > limit) {
            return false;
        }
        socket.send(packet);
        return true;
    }

    public void close() {
        EngineIoSocket socket = engine;
        if (socket != null) {
            socket.close();
        }
    }

    /** How the transport drops this connection at once, for a client that broke the protocol. */
    public void onAbort(Runnable abort) {
        this.abort = abort;
    }

    /** Drops the connection at once where its transport can, and closes it otherwise. */
    void abort() {
        Runnable drop = abort;
        if (drop != null) {
            drop.run();
        }
        close();
    }

    boolean isAttached() {
        return engine != null;
    }

    String id() {
        EngineIoSocket socket = engine;
        return socket == null ? "(opening)" : socket.getId();
    }
}
