package io.chatsync.adapters.socketio.gateway;

import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.delivery.LogOffset;
import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import io.socket.engineio.server.parser.Packet;
import io.socket.socketio.server.SocketIoSocket;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** One connected Socket.IO socket: whom it belongs to, which port it came through, and which threads it watches. */
public final class ConnectedSocket {

    private final SocketIoSocket socket;
    private final ClientConnection connection;
    private final Side side;
    private final int waitingLimit;
    private final Refusals refusals;
    /** The rooms it watches, and a read-only view of them; none until it first joins one, as a student never does. */
    private volatile @Nullable Set<StudentId> watching;
    private volatile Set<StudentId> watchingView = Set.of();
    private volatile @Nullable Participant participant;
    private final AtomicInteger refusedInARow = new AtomicInteger();
    private volatile boolean overflowed;
    private volatile boolean removed;
    private final @Nullable ResumableSession session;

    ConnectedSocket(SocketIoSocket socket, ClientConnection connection, Side side,
            @Nullable Participant participant, int waitingLimit, Refusals refusals,
            @Nullable ResumableSession session) {
        this.session = session;
        this.socket = socket;
        this.connection = connection;
        this.side = side;
        this.participant = participant;
        this.waitingLimit = waitingLimit;
        this.refusals = refusals;
    }

    public String id() {
        return socket.getId();
    }

    public Side side() {
        return side;
    }

    /** Empty only for a legacy-mode student socket that has not said who it is yet. */
    public Optional<Participant> participant() {
        return Optional.ofNullable(participant);
    }

    /** The threads whose rooms this (staff) socket joined; a live, read-only view. */
    public Set<StudentId> watching() {
        return watchingView;
    }

    boolean isWatching(StudentId thread) {
        return watchingView.contains(thread);
    }

    boolean isRemoved() {
        return removed;
    }

    void markRemoved() {
        removed = true;
    }

    void identify(Participant who) {
        participant = who;
    }

    /** The caller holds this socket's lock, as for {@link #unwatch}. */
    void watch(StudentId thread) {
        Set<StudentId> rooms = watching;
        if (rooms == null) {
            rooms = ConcurrentHashMap.newKeySet();
            rooms.add(thread);
            watching = rooms;
            watchingView = Collections.unmodifiableSet(rooms);
        } else {
            rooms.add(thread);
        }
    }

    void unwatch(StudentId thread) {
        Set<StudentId> rooms = watching;
        if (rooms != null) {
            rooms.remove(thread);
        }
    }

    /**
     * Sends an event encoded once for many sockets ({@link OutboundEvent}): the same text goes to each, instead of
     * the library encoding the payload again for every socket. The write itself happens on the connection's own
     * writer, never in the caller's thread.
     */
    public void send(OutboundEvent event) {
        if (overflowed) {
            return;
        }
        if (!connection.send(new Packet<>(Packet.MESSAGE, event.packet()), waitingLimit)) {
            overflowed("polling-backlog", "more than " + waitingLimit + " packets waiting for the next poll");
        }
    }

    /**
     * A change as this socket is sent it: with its offset when the socket is a resumable session's.
     *
     * @param offset the node's offset for the change, sealed once for every socket that needs it
     */
    public void deliver(OutboundEvent event, ChatChange change, SharedOffset offset) {
        ResumableSession resumable = session;
        if (resumable == null) {
            send(event);
        } else {
            resumable.deliver(this, event, change, offset);
        }
    }

    /** An event that is no change ({@code users:updated}): with an offset when the socket is a resumable session's. */
    public void signal(OutboundEvent event) {
        ResumableSession resumable = session;
        if (resumable == null) {
            send(event);
        } else {
            resumable.signal(this, event);
        }
    }

    /** Closes a socket that falls behind; closing waits for a poll that never comes, so nothing more is queued. */
    void overflowed(String reason, String what) {
        overflowed = true;
        refusals.refused(reason, what + " for " + this + "; its connection is closed");
        connection.close();
    }

    /** Whether it is a resumable session's (its events carry offsets). */
    public boolean resumable() {
        return session != null;
    }

    @Nullable ResumableSession session() {
        return session;
    }

    /** Closes the socket's whole connection. */
    public void disconnect() {
        socket.disconnect(true);
    }

    /**
     * Notes how the socket's last event was answered.
     *
     * @return how many events in a row were refused, this one included; 0 after one that was accepted
     */
    public int answered(boolean refused) {
        if (!refused) {
            refusedInARow.set(0);
            return 0;
        }
        return refusedInARow.incrementAndGet();
    }

    /** Drops the connection of a client that ignores the protocol's answers (see {@code ClientConnection#abort}). */
    public void abort() {
        connection.abort();
    }

    /** Closes the connection under the socket: the client sees a transport close and reconnects by itself. */
    public void closeConnection() {
        connection.close();
    }

    SocketIoSocket socket() {
        return socket;
    }

    @Override
    public String toString() {
        return "socket " + socket.getId() + " (" + side + ", " + participant + ")";
    }
}
