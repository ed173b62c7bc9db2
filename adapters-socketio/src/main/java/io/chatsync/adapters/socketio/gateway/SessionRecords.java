package io.chatsync.adapters.socketio.gateway;

import io.chatsync.application.delivery.LogOffset;
import io.chatsync.application.resume.ResumeSessionsUseCase;
import io.chatsync.application.resume.SessionKey;
import io.chatsync.application.resume.SessionsPort;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the database keeps of this node's resumable sessions, written in order on one thread: a session begun, its
 * rooms (gathered for {@link #ROOMS_DELAY_MILLIS} and written together), each one as its socket closes, and every
 * connected one's progress each {@link #recordInterval} (docs/resume.md, "Sessions in the database").
 */
final class SessionRecords implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionRecords.class);

    /** How long the rooms' changes are gathered before they are written. */
    static final long ROOMS_DELAY_MILLIS = 200;

    private final ResumeSessionsUseCase sessions;
    private final ConnectedSockets sockets;
    private final ScheduledExecutorService thread;
    private final Set<ConnectedSocket> connected = ConcurrentHashMap.newKeySet();
    /** Sockets whose rooms changed since their session last kept them. */
    private final Set<ConnectedSocket> roomsToKeep = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean roomsPending = new AtomicBoolean();

    SessionRecords(ResumeSessionsUseCase sessions, ConnectedSockets sockets) {
        this.sessions = sessions;
        this.sockets = sockets;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread records = new Thread(runnable, "resume-records");
            records.setDaemon(true);
            return records;
        });
        long every = recordInterval(sessions.settings().window()).toMillis();
        thread.scheduleWithFixedDelay(this::recordConnected, every, every, TimeUnit.MILLISECONDS);
    }

    /** How often connected sessions are recorded as seen: well within the window, and at most every 30 s. */
    static Duration recordInterval(Duration window) {
        Duration quarter = window.dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(30)) < 0 ? quarter : Duration.ofSeconds(30);
    }

    /** A socket of a session joined this node's deliveries; a new session is recorded as beginning at {@code at}. */
    void connected(ConnectedSocket socket, Participant owner, SessionKey key, boolean isNew, LogOffset at) {
        if (isNew) {
            write("begin " + key + " of " + owner, () -> sessions.begin(key, owner, at));
        }
        connected.add(socket);
        if (socket.isRemoved()) {
            // It closed meanwhile, and its disconnect found nothing to record yet.
            disconnected(socket);
        }
    }

    /** The threads a resumable socket watches changed. */
    void roomsChanged(ConnectedSocket socket) {
        if (socket.session() == null) {
            return;
        }
        roomsToKeep.add(socket);
        if (roomsPending.compareAndSet(false, true)) {
            try {
                thread.schedule(this::keepRooms, ROOMS_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                log.warn("Could not keep the rooms of {}: this node is shutting down", socket);
            }
        }
    }

    private void keepRooms() {
        roomsPending.set(false);
        Map<SessionKey, Set<StudentId>> rooms = new HashMap<>();
        for (Iterator<ConnectedSocket> changed = roomsToKeep.iterator(); changed.hasNext();) {
            ConnectedSocket socket = changed.next();
            changed.remove();
            ResumableSession session = socket.session();
            if (session != null) {
                rooms.put(session.key(), Set.copyOf(socket.watching()));
            }
        }
        if (rooms.isEmpty()) {
            return;
        }
        try {
            sessions.rooms(rooms);
        } catch (RuntimeException e) {
            log.error("Could not keep the rooms of {} resumable sessions: a reconnect resumes them with the rooms "
                    + "they had before", rooms.size(), e);
        }
    }

    /** A resumable socket closed: its session is recorded as last seen now, with how far it got. */
    void disconnected(ConnectedSocket socket) {
        ResumableSession session = socket.session();
        if (session == null || !connected.remove(socket)) {
            return;
        }
        // It has left the node's deliveries: its progress stops where it left (not read under the deliveries' lock,
        // as this runs inside the library's namespace lock).
        SessionsPort.Progress progress = session.progress(sockets.handedOver());
        write("record " + session.key() + " as seen", () -> sessions.seen(List.of(progress)));
    }

    /** Runs a write in order with the others; one that fails is logged, not retried. */
    private void write(String what, Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("Could not {}: a reconnect will not resume it as it is now", what, e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("Could not {}: this node is shutting down", what);
        }
    }

    /** Records every connected session as seen, with how far it is; forgets sessions gone for longer than the window. */
    private void recordConnected() {
        try {
            List<SessionsPort.Progress> progress = sockets.atHandedOver(handedOver -> connected.stream()
                    .map(ConnectedSocket::session)
                    .filter(Objects::nonNull)
                    .map(session -> session.progress(handedOver))
                    .toList());
            sessions.seen(progress);
            sessions.forgetExpired();
        } catch (RuntimeException e) {
            log.error("Could not record this node's {} resumable sessions as seen", connected.size(), e);
        }
    }

    /** Stops; the writes already queued still run. */
    @Override
    public void close() {
        thread.shutdown();
    }
}
