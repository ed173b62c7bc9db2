package io.chatsync.adapters.socketio.gateway;

import io.chatsync.application.delivery.LogOffset;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import io.chatsync.domain.thread.Recipients;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Every socket connected to this node, indexed the way deliveries ask: by student (their own sockets), by watched
 * thread (staff in the student's room) and all staff. A delivery asks for the {@link Recipients} of a change and
 * gets each entitled socket once.
 *
 * <p>Changes to one socket's entries happen under that socket's lock, and a removed socket is never indexed again,
 * so a disconnect racing a {@code join} leaves nothing behind; empty index entries are dropped.
 */
public final class ConnectedSockets {

    /** The most student rooms one staff socket may watch. */
    public static final int MAX_WATCHED_THREADS = 1_000;

    private final Map<String, ConnectedSocket> byId = new ConcurrentHashMap<>();
    /** A student's sockets, as small immutable sets replaced whole (see {@link #with}). */
    private final Map<StudentId, Set<ConnectedSocket>> students = new ConcurrentHashMap<>();
    private final Map<StudentId, Set<ConnectedSocket>> watchers = new ConcurrentHashMap<>();
    private final Set<ConnectedSocket> staff = ConcurrentHashMap.newKeySet();
    /** Each user's sockets, oldest first. */
    private final Map<Participant, Deque<ConnectedSocket>> byUser = new ConcurrentHashMap<>();
    private final Refusals refusals;
    /** Held while a batch of changes is delivered: a resumable socket joins, or is recorded, between batches. */
    private final Object deliveries = new Object();
    /** Every change this node has delivered (or had in its log when its feed started). */
    private volatile LogOffset handedOver = LogOffset.NONE;
    private volatile Consumer<ConnectedSocket> roomsChanged = socket -> { };

    public ConnectedSockets(Refusals refusals) {
        this.refusals = refusals;
    }

    /** Delivers one batch of changes, none of it while a resumable socket joins. */
    public void deliver(Runnable batch) {
        synchronized (deliveries) {
            batch.run();
        }
    }

    /** The node has delivered every change in {@code offset}. */
    public void handedOver(LogOffset offset) {
        synchronized (deliveries) {
            handedOver = offset;
        }
    }

    /** What the node has handed over: every change of it has been sent to every socket indexed then. */
    public LogOffset handedOver() {
        return handedOver;
    }

    /** {@code read} of what the node has handed over, between two batches. */
    <T> T atHandedOver(Function<LogOffset, T> read) {
        synchronized (deliveries) {
            return read.apply(handedOver);
        }
    }

    /**
     * Indexes a resumable session's socket, watching {@code rooms}, between two batches.
     *
     * @return what the node had handed over: the socket is sent every change after it
     */
    LogOffset addResumable(ConnectedSocket socket, int perUser, Set<StudentId> rooms) {
        synchronized (deliveries) {
            ResumableSession session = socket.session();
            if (session != null) {
                // Before it is indexed: a users:updated may reach it as soon as it is.
                session.joined(handedOver);
            }
            add(socket, perUser);
            for (StudentId room : rooms) {
                watch(socket, room, false);
            }
            return handedOver;
        }
    }

    /** Who keeps the rooms of resumable sessions. */
    void onRoomsChanged(Consumer<ConnectedSocket> listener) {
        roomsChanged = listener;
    }

    /**
     * Indexes a socket that connected. A user over {@code perUser} sockets on this node loses their oldest one: a
     * phone that reconnects before its dead socket timed out gets in.
     */
    void add(ConnectedSocket socket, int perUser) {
        List<ConnectedSocket> replaced;
        synchronized (socket) {
            if (socket.isRemoved()) {
                return;
            }
            byId.put(socket.id(), socket);
            replaced = socket.participant().map(participant -> index(socket, participant, perUser)).orElse(List.of());
        }
        disconnectReplaced(socket, replaced);
    }

    /**
     * A legacy-mode student socket says who it is (with {@code join}); it joins that student's room. Saying it again
     * with the same id changes nothing; a different id is refused.
     *
     * @return whether the socket is now that student's
     */
    public boolean identifyStudent(ConnectedSocket socket, StudentId student, int perUser) {
        Participant who = new Participant.Student(student);
        List<ConnectedSocket> replaced;
        synchronized (socket) {
            if (socket.participant().isPresent()) {
                return socket.participant().get().equals(who);
            }
            if (socket.isRemoved()) {
                return false;
            }
            socket.identify(who);
            replaced = index(socket, who, perUser);
        }
        disconnectReplaced(socket, replaced);
        return true;
    }

    private void disconnectReplaced(ConnectedSocket newcomer, List<ConnectedSocket> replaced) {
        for (ConnectedSocket old : replaced) {
            refusals.refused("sockets-per-user", old + " replaced by the newer " + newcomer
                    + ": the user has the most sockets a node keeps for one user");
            old.disconnect();
        }
    }

    /** Disconnects every socket of {@code user} on this node; for cutting a user off. */
    public int disconnect(Participant user) {
        Deque<ConnectedSocket> theirs = byUser.get(user);
        List<ConnectedSocket> sockets = theirs == null ? List.of() : List.copyOf(theirs);
        sockets.forEach(ConnectedSocket::closeConnection);
        return sockets.size();
    }

    /**
     * A member of staff joins a student's room: they now follow that thread's replies and read receipts.
     *
     * @return false when the socket already watches {@link #MAX_WATCHED_THREADS} threads
     */
    public boolean watch(ConnectedSocket socket, StudentId thread) {
        return watch(socket, thread, true);
    }

    /** @param keep whether a resumable session's record of its rooms is updated (not while they are restored) */
    private boolean watch(ConnectedSocket socket, StudentId thread, boolean keep) {
        synchronized (socket) {
            if (socket.isRemoved()) {
                return true;
            }
            if (!socket.isWatching(thread) && socket.watching().size() >= MAX_WATCHED_THREADS) {
                return false;
            }
            socket.watch(thread);
            addTo(watchers, thread, socket);
        }
        if (keep && socket.resumable()) {
            roomsChanged.accept(socket);
        }
        return true;
    }

    public void unwatch(ConnectedSocket socket, StudentId thread) {
        synchronized (socket) {
            socket.unwatch(thread);
            removeFrom(watchers, thread, socket);
        }
        if (socket.resumable()) {
            roomsChanged.accept(socket);
        }
    }

    void remove(ConnectedSocket socket) {
        // Read before the socket leaves the index: every batch in it was published to the socket. (Not under the
        // deliveries' lock: this runs inside the library's namespace lock, which a batch may need to close a socket.)
        ResumableSession session = socket.session();
        if (session != null) {
            session.left(handedOver);
        }
        unindex(socket);
    }

    private void unindex(ConnectedSocket socket) {
        synchronized (socket) {
            socket.markRemoved();
            byId.remove(socket.id());
            staff.remove(socket);
            socket.participant().ifPresent(participant -> {
                if (participant instanceof Participant.Student student) {
                    students.computeIfPresent(student.id(), (id, sockets) -> without(sockets, socket));
                }
                byUser.computeIfPresent(participant, (user, sockets) -> {
                    sockets.remove(socket);
                    return sockets.isEmpty() ? null : sockets;
                });
            });
            for (StudentId thread : Set.copyOf(socket.watching())) {
                socket.unwatch(thread);
                removeFrom(watchers, thread, socket);
            }
        }
    }

    /** @return the user's oldest sockets that this one replaces */
    private List<ConnectedSocket> index(ConnectedSocket socket, Participant participant, int perUser) {
        if (participant instanceof Participant.Student student) {
            students.compute(student.id(), (id, sockets) -> sockets == null ? Set.of(socket) : with(sockets, socket));
        } else {
            staff.add(socket);
        }
        List<ConnectedSocket> replaced = new ArrayList<>();
        byUser.compute(participant, (user, sockets) -> {
            Deque<ConnectedSocket> theirs = sockets == null ? new ConcurrentLinkedDeque<>() : sockets;
            theirs.addLast(socket);
            while (theirs.size() > perUser) {
                replaced.add(theirs.pollFirst());
            }
            return theirs;
        });
        return replaced;
    }

    /**
     * A student's sockets with one more. A student has a socket or two, and most sockets are students': their
     * index entries are small immutable sets, replaced whole, not a concurrent set each.
     */
    private static Set<ConnectedSocket> with(Set<ConnectedSocket> sockets, ConnectedSocket socket) {
        if (sockets.contains(socket)) {
            return sockets;
        }
        ConnectedSocket[] more = sockets.toArray(new ConnectedSocket[sockets.size() + 1]);
        more[sockets.size()] = socket;
        return Set.of(more);
    }

    /** A student's sockets without {@code socket}; null (no entry) when none is left. */
    private static @Nullable Set<ConnectedSocket> without(Set<ConnectedSocket> sockets, ConnectedSocket socket) {
        if (!sockets.contains(socket)) {
            return sockets;
        }
        return sockets.size() == 1 ? null : Set.of(sockets.stream().filter(s -> s != socket)
                .toArray(ConnectedSocket[]::new));
    }

    private static void addTo(Map<StudentId, Set<ConnectedSocket>> index, StudentId key, ConnectedSocket socket) {
        index.compute(key, (thread, sockets) -> {
            Set<ConnectedSocket> set = sockets == null ? ConcurrentHashMap.newKeySet() : sockets;
            set.add(socket);
            return set;
        });
    }

    private static void removeFrom(Map<StudentId, Set<ConnectedSocket>> index, StudentId key, ConnectedSocket socket) {
        index.computeIfPresent(key, (thread, sockets) -> {
            sockets.remove(socket);
            return sockets.isEmpty() ? null : sockets;
        });
    }

    /** Each socket entitled to hear of a change, once. */
    public Set<ConnectedSocket> of(Recipients recipients) {
        Set<ConnectedSocket> result = new LinkedHashSet<>();
        if (recipients.threadStudent()) {
            result.addAll(students.getOrDefault(recipients.thread(), Collections.emptySet()));
        }
        if (recipients.everyStaff()) {
            result.addAll(staff);
        } else if (recipients.staffWatchingThread()) {
            result.addAll(watchers.getOrDefault(recipients.thread(), Collections.emptySet()));
        }
        // The index decides who is looked at; the domain rule decides who is entitled.
        result.removeIf(socket -> socket.participant()
                .map(participant -> !recipients.include(participant, socket.watching()))
                .orElse(true));
        return result;
    }

    /**
     * Closes every socket's connection, which also ends parked long-polls; for shutting a node down. A closed
     * connection, not a Socket.IO DISCONNECT: the official clients answer a DISCONNECT by never reconnecting, and a
     * closed connection by reconnecting (to another node) and resuming their sessions.
     */
    public void closeAll() {
        for (ConnectedSocket socket : Set.copyOf(byId.values())) {
            socket.closeConnection();
        }
    }

    public int size() {
        return byId.size();
    }

    /** Whether any socket watches {@code thread}; a thread nobody watches has no index entry left. */
    public boolean isWatched(StudentId thread) {
        return watchers.containsKey(thread);
    }
}
