package io.chatsync.adapters.socketio.gateway;

import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.delivery.LogOffset;
import io.chatsync.application.resume.ResumeSessionsUseCase;
import io.chatsync.application.resume.Resumption;
import io.chatsync.application.resume.SessionKey;
import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * in order on one thread ({@link SessionRecords}).
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
    private final @Nullable SessionRecords records;
    /** Where sockets of resumable sessions join the node's deliveries, one at a time, between two batches. */
    private final ExecutorService joins = Executors.newSingleThreadExecutor(daemon("resume-joins"));
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
        this.records = sessions == null || this.sides.isEmpty() ? null : new SessionRecords(sessions, sockets);
        this.begun = outcome(meters, "begun");
        this.resumed = outcome(meters, "resumed");
        this.notResumed = outcome(meters, "not-resumed");
        if (records != null) {
            sockets.onRoomsChanged(records::roomsChanged);
        }
    }

    /** A node that resumes no session. */
    public static Resumes off(ConnectedSockets sockets, MeterRegistry meters) {
        return new Resumes(null, Set.of(), sockets, (change, side) -> {
            throw new IllegalStateException("no session is resumed on this node");
        }, meters, 1);
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
        SessionRecords kept = records;
        if (resume == null || kept == null) {
            throw new IllegalStateException("no session is resumed on this node");
        }
        // Joining waits for the batch being delivered to end; the library calls this while it holds its namespace's
        // lock, which a batch may need (to close a socket), so the socket joins from a thread of its own.
        try {
            joins.execute(() -> join(resume, kept, socket, owner, outcome, perUser));
        } catch (RejectedExecutionException e) {
            log.warn("{} cannot join this node's deliveries: the node is shutting down", socket);
            socket.closeConnection();
        }
    }

    private void join(ResumeSessionsUseCase resume, SessionRecords kept, ConnectedSocket socket, Participant owner,
            Outcome outcome, int perUser) {
        Set<StudentId> rooms = outcome instanceof Outcome.Resume r ? r.resumed().rooms() : Set.of();
        LogOffset joinedAt = sockets.addResumable(socket, perUser, rooms);
        if (socket.isRemoved()) {
            // It closed before it could join; its client comes back with its pid and offset, as they were.
            return;
        }
        kept.connected(socket, owner, outcome.key(), outcome instanceof Outcome.Begin, joinedAt);
        if (outcome instanceof Outcome.Resume r) {
            try {
                work.execute(() -> replay(resume, socket, owner, r.resumed(), joinedAt));
            } catch (RejectedExecutionException e) {
                log.warn("Too many replays waiting on this node; {} is closed and will reconnect", socket);
                socket.closeConnection();
            }
        } else {
            begun.increment();
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

    /** A resumable socket closed: its session is recorded as last seen now, with how far it got. */
    void disconnected(ConnectedSocket socket) {
        SessionRecords kept = records;
        if (kept != null) {
            kept.disconnected(socket);
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

    @Override
    public void close() {
        if (records != null) {
            records.close();
        }
        work.shutdownNow();
        joins.shutdownNow();
    }
}
