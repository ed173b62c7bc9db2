package io.chatsync.adapters.socketio.gateway;

import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.delivery.LogOffset;
import io.chatsync.application.resume.ResumeSessionsUseCase;
import io.chatsync.application.resume.Resumption;
import io.chatsync.application.resume.SessionKey;
import io.chatsync.application.resume.SessionsPort;
import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket.IO connection state recovery, on sessions every node can resume (docs/resume.md). The library has none: a
 * gateway decides at the raw CONNECT whether it resumes a session ({@link #decide}), the CONNECT reply carries the
 * session's {@code pid} ({@link ClientConnection#replyWithPid}), and each event to the socket carries an offset
 * ({@link ResumableSession}). A resumed socket joins this node's live deliveries with its rooms, is sent what it
 * missed, then what arrived meanwhile.
 *
 * <p>Database work runs off the transport's threads: decisions and replays on a small pool, the sessions' records
 * (begun, rooms, seen) in order on one thread, which also records every connected session's progress each
 * {@link #recordInterval}.
 */
public final class Resumes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Resumes.class);
    private static final OutboundEvent USERS_UPDATED = OutboundEvent.of("users:updated", null);
    /** Decisions and replays waiting for a thread; over it, a CONNECT begins a new session instead. */
    private static final int QUEUED_DECISIONS = 10_000;

    private final @Nullable ResumeSessionsUseCase sessions;
    private final Set<Side> sides;
    private final ConnectedSockets sockets;
    private final ChangeEncoder encoder;
    private final ThreadPoolExecutor work;
    private final ScheduledExecutorService records;
    private final Set<ConnectedSocket> connected = ConcurrentHashMap.newKeySet();
    /** Sockets whose rooms changed since their session last kept them. */
    private final Set<ConnectedSocket> roomsToKeep = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean roomsPending = new AtomicBoolean();
    /** How long the rooms' changes are gathered before they are written. */
    static final long ROOMS_DELAY_MILLIS = 200;
    private final Counter begun;
    private final Counter resumed;
    private final Counter notResumed;

    /**
     * @param sessions absent when no port resumes sessions
     * @param sides the ports whose sockets get resumable sessions
     * @param threads how many decisions and replays run at once (each holds a database connection meanwhile)
     */
    public Resumes(@Nullable ResumeSessionsUseCase sessions, Set<Side> sides, ConnectedSockets sockets,
            ChangeEncoder encoder, MeterRegistry meters, int threads) {
        this.sessions = sessions;
        this.sides = Set.copyOf(sides);
        this.sockets = sockets;
        this.encoder = encoder;
        this.work = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_DECISIONS), daemon("resume-work"));
        this.work.allowCoreThreadTimeOut(true);
        this.records = Executors.newSingleThreadScheduledExecutor(daemon("resume-records"));
        this.begun = outcome(meters, "begun");
        this.resumed = outcome(meters, "resumed");
        this.notResumed = outcome(meters, "not-resumed");
        sockets.onRoomsChanged(this::roomsChanged);
        if (sessions != null && !this.sides.isEmpty()) {
            long every = recordInterval(sessions.settings().window()).toMillis();
            records.scheduleWithFixedDelay(this::record, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** A node that resumes no session. */
    public static Resumes off(ConnectedSockets sockets, MeterRegistry meters) {
        return new Resumes(null, Set.of(), sockets, (change, side) -> {
            throw new IllegalStateException("no session is resumed on this node");
        }, meters, 1);
    }

    /** How often connected sessions are recorded as seen: well within the window, and at most every 30 s. */
    static Duration recordInterval(Duration window) {
        Duration quarter = window.dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(30)) < 0 ? quarter : Duration.ofSeconds(30);
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("chatsync.socketio.sessions").tag("outcome", outcome)
                .description("Resumable sessions begun, resumed, and not resumed at a reconnect").register(meters);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Whether the sockets of {@code side}'s port get resumable sessions. */
    public boolean on(Side side) {
        return sessions != null && sides.contains(side);
    }

    /** A CONNECT's session: a new one, or one it resumes. */
    sealed interface Outcome {

        SessionKey key();

        record Begin(SessionKey key) implements Outcome {
        }

        /** @param clientOffset the offset the client sent, absent for none */
        record Resume(Resumption.Resumed resumed, @Nullable String clientOffset) implements Outcome {

            @Override
            public SessionKey key() {
                return resumed.key();
            }
        }
    }

    /**
     * Decides what a CONNECT of {@code owner} with {@code pid} and {@code offset} comes to, then hands the outcome to
     * {@code then}: at once for a new session, on a worker thread when a session is looked up.
     */
    void decide(Participant owner, @Nullable String pid, @Nullable String offset, Consumer<Outcome> then) {
        ResumeSessionsUseCase resume = sessions;
        if (pid == null || resume == null) {
            then.accept(new Outcome.Begin(SessionKey.generate()));
            return;
        }
        try {
            work.execute(() -> then.accept(lookUp(resume, owner, pid, offset)));
        } catch (RejectedExecutionException e) {
            log.warn("Too many reconnects waiting to be resumed on this node; a client of {} gets a new session",
                    owner);
            notResumed.increment();
            then.accept(new Outcome.Begin(SessionKey.generate()));
        }
    }

    private Outcome lookUp(ResumeSessionsUseCase resume, Participant owner, String pid, @Nullable String offset) {
        Resumption resumption;
        try {
            resumption = resume.resume(owner, pid, offset, sockets.handedOver());
        } catch (RuntimeException e) {
            log.error("Could not look up the session a client of {} reconnected with; it gets a new one", owner, e);
            resumption = new Resumption.NotResumed("the look-up failed");
        }
        if (resumption instanceof Resumption.Resumed found) {
            resumed.increment();
            return new Outcome.Resume(found, offset);
        }
        notResumed.increment();
        log.debug("A session of {} is not resumed: {}", owner, ((Resumption.NotResumed) resumption).reason());
        return new Outcome.Begin(SessionKey.generate());
    }

    /** The state a socket of {@code outcome} keeps. */
    ResumableSession session(Outcome outcome, int waitingLimit) {
        boolean replaying = outcome instanceof Outcome.Resume;
        String clientOffset = outcome instanceof Outcome.Resume resume ? resume.clientOffset() : null;
        return new ResumableSession(outcome.key(), this::seal, replaying, clientOffset, waitingLimit);
    }

    /**
     * Indexes a socket of a resumable session and starts its session: records a new one, or sends a resumed one
     * what it missed.
     */
    void connected(ConnectedSocket socket, Participant owner, Outcome outcome, int perUser) {
        ResumeSessionsUseCase resume = sessions;
        if (resume == null) {
            throw new IllegalStateException("no session is resumed on this node");
        }
        Set<StudentId> rooms = outcome instanceof Outcome.Resume r ? r.resumed().rooms() : Set.of();
        LogOffset joinedAt = sockets.addResumable(socket, perUser, rooms);
        connected.add(socket);
        if (outcome instanceof Outcome.Resume r) {
            try {
                work.execute(() -> replay(resume, socket, owner, r.resumed(), joinedAt));
            } catch (RejectedExecutionException e) {
                log.warn("Too many replays waiting on this node; {} is closed and will reconnect", socket);
                socket.closeConnection();
            }
        } else {
            begun.increment();
            write("begin " + outcome.key() + " of " + owner, () -> resume.begin(outcome.key(), owner, joinedAt));
        }
    }

    private void replay(ResumeSessionsUseCase resume, ConnectedSocket socket, Participant owner,
            Resumption.Resumed first, LogOffset joinedAt) {
        ResumableSession session = socket.session();
        if (session == null) {
            return;
        }
        try {
            send(socket, session, first);
            // What the node handed over between the decision and the socket's joining its live deliveries.
            Resumption rest = resume.rest(owner, first, joinedAt);
            if (!(rest instanceof Resumption.Resumed more)) {
                log.warn("{} missed too much while it was resumed; it is closed and will reconnect", socket);
                socket.closeConnection();
                return;
            }
            send(socket, session, more);
            if (first.listChanged() || more.listChanged()) {
                session.replaySignal(socket, USERS_UPDATED, more.had());
            }
            session.live(more.had());
        } catch (RuntimeException e) {
            log.error("Could not send {} what it missed; it is closed and will reconnect", socket, e);
            socket.closeConnection();
        }
    }

    private void send(ConnectedSocket socket, ResumableSession session, Resumption.Resumed missed) {
        for (ChatChange change : missed.missed()) {
            session.replay(socket, encoder.encode(change, socket.side()), change);
        }
    }

    /**
     * The threads a resumable socket watches changed: its session keeps them. A dashboard joins many rooms at once,
     * so the changes of {@link #ROOMS_DELAY_MILLIS} are written together, each session's latest rooms once.
     */
    void roomsChanged(ConnectedSocket socket) {
        if (sessions == null || socket.session() == null) {
            return;
        }
        roomsToKeep.add(socket);
        if (roomsPending.compareAndSet(false, true)) {
            try {
                records.schedule(this::keepRooms, ROOMS_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                log.warn("Could not keep the rooms of {}: this node is shutting down", socket);
            }
        }
    }

    private void keepRooms() {
        ResumeSessionsUseCase resume = sessions;
        roomsPending.set(false);
        Map<SessionKey, Set<StudentId>> rooms = new HashMap<>();
        for (Iterator<ConnectedSocket> sockets = roomsToKeep.iterator(); sockets.hasNext();) {
            ConnectedSocket socket = sockets.next();
            sockets.remove();
            ResumableSession session = socket.session();
            if (session != null) {
                rooms.put(session.key(), Set.copyOf(socket.watching()));
            }
        }
        if (resume == null || rooms.isEmpty()) {
            return;
        }
        try {
            resume.rooms(rooms);
        } catch (RuntimeException e) {
            log.error("Could not keep the rooms of {} resumable sessions: a reconnect resumes them with the rooms "
                    + "they had before", rooms.size(), e);
        }
    }

    /** A resumable socket closed: its session is recorded as last seen now, with how far it got. */
    void disconnected(ConnectedSocket socket) {
        ResumeSessionsUseCase resume = sessions;
        ResumableSession session = socket.session();
        if (resume == null || session == null || !connected.remove(socket)) {
            return;
        }
        SessionsPort.Progress progress = sockets.atHandedOver(session::progress);
        write("record " + session.key() + " as seen", () -> resume.seen(List.of(progress)));
    }

    /** Runs a write of the sessions' records in order with the others; one that fails is logged, not retried. */
    private void write(String what, Runnable task) {
        try {
            records.execute(() -> {
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

    /** The offset text of {@code had}, sent now. */
    public String seal(LogOffset had) {
        ResumeSessionsUseCase resume = sessions;
        if (resume == null) {
            throw new IllegalStateException("no session is resumed on this node");
        }
        return resume.offset(had, Instant.now());
    }

    /** Records every connected session as seen, with how far it is; forgets sessions gone for longer than the window. */
    private void record() {
        ResumeSessionsUseCase resume = sessions;
        if (resume == null) {
            return;
        }
        try {
            List<SessionsPort.Progress> progress = sockets.atHandedOver(handedOver -> connected.stream()
                    .map(ConnectedSocket::session)
                    .filter(java.util.Objects::nonNull)
                    .map(session -> session.progress(handedOver))
                    .toList());
            resume.seen(progress);
            resume.forgetExpired();
        } catch (RuntimeException e) {
            log.error("Could not record this node's {} resumable sessions as seen", connected.size(), e);
        }
    }

    @Override
    public void close() {
        records.shutdown();
        work.shutdownNow();
    }
}
