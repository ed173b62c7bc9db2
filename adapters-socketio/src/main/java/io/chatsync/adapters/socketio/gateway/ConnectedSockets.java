package io.chatsync.adapters.socketio.gateway;

import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import io.chatsync.domain.thread.Recipients;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every socket connected to this node, indexed the way deliveries ask: by student (their own sockets), by watched
 * thread (staff in the student's room) and all staff. A delivery asks for the {@link Recipients} of a change and
 * gets each entitled socket once.
 */
public final class ConnectedSockets {

    private final Map<String, ConnectedSocket> byId = new ConcurrentHashMap<>();
    private final Map<StudentId, Set<ConnectedSocket>> students = new ConcurrentHashMap<>();
    private final Map<StudentId, Set<ConnectedSocket>> watchers = new ConcurrentHashMap<>();
    private final Set<ConnectedSocket> staff = ConcurrentHashMap.newKeySet();

    void add(ConnectedSocket socket) {
        byId.put(socket.id(), socket);
        socket.participant().ifPresent(participant -> index(socket, participant));
    }

    /**
     * A legacy-mode student socket says who it is (with {@code join}); it joins that student's room. Saying it again
     * with the same id changes nothing; a different id is refused.
     *
     * @return whether the socket is now that student's
     */
    public boolean identifyStudent(ConnectedSocket socket, StudentId student) {
        Participant who = new Participant.Student(student);
        synchronized (socket) {
            if (socket.participant().isPresent()) {
                return socket.participant().get().equals(who);
            }
            socket.identify(who);
        }
        index(socket, who);
        socket.socket().joinRoom(new Room(student).name());
        return true;
    }

    /** A member of staff joins a student's room: they now follow that thread's replies and read receipts. */
    public void watch(ConnectedSocket socket, StudentId thread) {
        socket.watch(thread);
        watchers.computeIfAbsent(thread, key -> ConcurrentHashMap.newKeySet()).add(socket);
        socket.socket().joinRoom(new Room(thread).name());
    }

    public void unwatch(ConnectedSocket socket, StudentId thread) {
        socket.unwatch(thread);
        Set<ConnectedSocket> room = watchers.get(thread);
        if (room != null) {
            room.remove(socket);
        }
        socket.socket().leaveRoom(new Room(thread).name());
    }

    void remove(ConnectedSocket socket) {
        byId.remove(socket.id());
        staff.remove(socket);
        socket.participant().ifPresent(participant -> {
            if (participant instanceof Participant.Student student) {
                Set<ConnectedSocket> own = students.get(student.id());
                if (own != null) {
                    own.remove(socket);
                }
            }
        });
        for (StudentId thread : Set.copyOf(socket.watching())) {
            unwatch(socket, thread);
        }
    }

    private void index(ConnectedSocket socket, Participant participant) {
        if (participant instanceof Participant.Student student) {
            students.computeIfAbsent(student.id(), key -> ConcurrentHashMap.newKeySet()).add(socket);
        } else {
            staff.add(socket);
        }
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

    /** Closes every socket, which also ends parked long-polls; for shutting a node down. */
    public void disconnectAll() {
        for (ConnectedSocket socket : Set.copyOf(byId.values())) {
            socket.disconnect();
        }
    }

    public int size() {
        return byId.size();
    }
}
