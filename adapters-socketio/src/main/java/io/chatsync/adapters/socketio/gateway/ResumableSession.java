package io.chatsync.adapters.socketio.gateway;

import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.delivery.LogOffset;
import io.chatsync.application.resume.SessionKey;
import io.chatsync.application.resume.SessionsPort;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The resumable session of one connected socket: every event it is sent carries the offset of what it has had
 * once it has that event. While a resumed socket is sent what it missed, live events wait; then they follow, each
 * once.
 *
 * <p>Offsets are the node's ({@link ChatChange#handedOver()}, sealed once per change for every socket) joined with
 * {@link #extra}: what the client had from elsewhere (another node, a replay) that this node had not handed over
 * when the socket joined. A live change the client already had is not sent again. Once the node's offset covers the
 * extra, it is dropped, and the socket's offsets are the shared ones again.
 */
final class ResumableSession {

    private final SessionKey key;
    private final Function<LogOffset, String> seal;
    private @Nullable LogOffset extra;
    private boolean replaying;
    private final List<Runnable> waiting = new ArrayList<>();
    private @Nullable String lastSent;
    /** The positions {@link #lastSent} stands for (nothing before the first). */
    private LogOffset lastSentSet = LogOffset.NONE;
    private LogOffset joinedAt = LogOffset.NONE;
    private @Nullable LogOffset leftAt;
    private final int waitingLimit;

    /**
     * @param seal makes the offset text of a set of positions
     * @param replaying whether it is a resumed session whose missed events are still to be sent
     * @param clientOffset the offset the client holds as it connects (absent for none)
     * @param waitingLimit the most live events that may wait for a replay; over it, the connection is closed
     */
    ResumableSession(SessionKey key, Function<LogOffset, String> seal, boolean replaying,
            @Nullable String clientOffset, int waitingLimit) {
        this.key = key;
        this.seal = seal;
        this.replaying = replaying;
        this.lastSent = clientOffset;
        this.waitingLimit = waitingLimit;
    }

    SessionKey key() {
        return key;
    }

    /** A live change; {@code shared} is the node's offset for it, sealed once for every socket. */
    synchronized void deliver(ConnectedSocket socket, OutboundEvent event, ChatChange change, SharedOffset shared) {
        if (replaying) {
            holdBack(socket, () -> deliverNow(socket, event, change, shared));
        } else {
            deliverNow(socket, event, change, shared);
        }
    }

    /** Sends a live change, unless the client had it already; the caller holds this session's lock. */
    private void deliverNow(ConnectedSocket socket, OutboundEvent event, ChatChange change, SharedOffset shared) {
        LogOffset had = extra;
        if (had != null && had.contains(change.position().value())) {
            return;
        }
        if (had == null) {
            sendStamped(socket, shared.stamp(event), shared.get(), change.handedOver());
            return;
        }
        LogOffset set = change.handedOver().union(had);
        if (change.handedOver().covers(had)) {
            extra = null;
        }
        send(socket, event, seal.apply(set), set);
    }

    /**
     * An event that is no change ({@code users:updated}). It carries an offset too: the official clients take the
     * last string argument of every event as the offset, and that of an event without one is its name. It is the
     * offset of the last event the socket was sent (or of where it joined): never less than the client has had.
     */
    synchronized void signal(ConnectedSocket socket, OutboundEvent event) {
        if (replaying) {
            holdBack(socket, () -> signalNow(socket, event));
        } else {
            signalNow(socket, event);
        }
    }

    private void signalNow(ConnectedSocket socket, OutboundEvent event) {
        String offset = lastSent;
        if (offset != null) {
            send(socket, event, offset, lastSentSet);
        } else {
            send(socket, event, seal.apply(joinedAt), joinedAt);
        }
    }

    /** Keeps a live event for after the replay; past the limit, the connection is closed instead. */
    private void holdBack(ConnectedSocket socket, Runnable event) {
        if (waiting.size() < waitingLimit) {
            waiting.add(event);
        } else if (waiting.size() == waitingLimit) {
            waiting.add(() -> { });
            socket.overflowed("resume-backlog", "more than " + waitingLimit + " live events waiting for a replay");
        }
    }

    /** Where the socket joined this node's live deliveries: it has had everything of it once it has any event. */
    synchronized void joined(LogOffset handedOver) {
        joinedAt = handedOver;
    }

    /** A signal at the end of a replay, with what the client has had by then. */
    synchronized void replaySignal(ConnectedSocket socket, OutboundEvent event, LogOffset had) {
        send(socket, event, seal.apply(had), had);
    }

    /** One missed change, with the offset the replay gave it. */
    synchronized void replay(ConnectedSocket socket, OutboundEvent event, ChatChange change) {
        send(socket, event, seal.apply(change.handedOver()), change.handedOver());
    }

    /**
     * The replay is over: the client has had {@code had}; the live events that waited follow, in order, before any
     * newer one. They are sent one at a time under this session's lock, never all at once: the node's deliveries
     * wait for this lock, and a long hold here would hold up every other socket's events.
     *
     * @param had everything the client had once every missed change was sent, beyond what this node hands over
     */
    void live(LogOffset had) {
        synchronized (this) {
            extra = had;
            joinedAt = joinedAt.union(had);
        }
        while (true) {
            List<Runnable> waited;
            synchronized (this) {
                if (waiting.isEmpty()) {
                    replaying = false;
                    return;
                }
                waited = List.copyOf(waiting);
                waiting.clear();
            }
            for (Runnable event : waited) {
                synchronized (this) {
                    event.run();
                }
            }
        }
    }

    /**
     * What to record of the session now that the node has handed over {@code handedOver}: it has been sent everything
     * of it (and of the extra) by the time it was sent its last event.
     */
    synchronized SessionsPort.Progress progress(LogOffset handedOver) {
        if (replaying) {
            return new SessionsPort.Progress(key, null, null);
        }
        // Once it left the node's deliveries, what the node hands over is no longer sent to it; what it was read
        // before the batch that was being delivered then, which the socket may have had: its last offset says.
        LogOffset sent = (leftAt != null ? leftAt : handedOver).union(lastSentSet);
        LogOffset had = extra;
        return new SessionsPort.Progress(key, lastSent, had == null ? sent : sent.union(had));
    }

    /** The socket left this node's deliveries when the node had handed over {@code handedOver}. */
    synchronized void left(LogOffset handedOver) {
        if (leftAt == null) {
            leftAt = handedOver;
        }
    }

    private void send(ConnectedSocket socket, OutboundEvent event, String offset, LogOffset set) {
        sendStamped(socket, event.withOffset(offset), offset, set);
    }

    /** Sends an event that already carries {@code offset} as its last argument. */
    private void sendStamped(ConnectedSocket socket, OutboundEvent stamped, String offset, LogOffset set) {
        socket.send(stamped);
        lastSent = offset;
        lastSentSet = set;
    }
}
