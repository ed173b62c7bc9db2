package io.chatsync.adapters.postgres.feed;

import io.chatsync.application.delivery.DeliverChangesUseCase;
import io.chatsync.application.delivery.FeedPosition;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's change feed: one dedicated connection {@code LISTEN}s, another reads the change log. Every wake-up
 * (bytes arriving on the listening connection, or the poll interval running out) reads the changes committed
 * since the cursor and hands them to the application, each change once. See docs/change-feed.md.
 */
final class PostgresChangeFeed implements ChangeFeedStatus {

    static final String[] CHANNELS = {"chat_messages", "chat_messages_read"};

    private static final Logger log = LoggerFactory.getLogger(PostgresChangeFeed.class);

    /**
     * How often at most the feed takes a transaction id to bound the gaps it found meanwhile (each takes one of
     * the database's transaction ids; a gap merely waits longer to be dropped).
     */
    private static final long BOUND_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /**
     * How long at most the feed waits for a wake-up while it awaits a gap: a change the gap's writer commits is
     * announced by no notification when the writer found no lease (docs/change-feed.md, "Who is notified").
     */
    private static final long GAP_WAIT_MILLIS = 50;

    private final ChangeFeedSettings settings;
    private final DeliverChangesUseCase delivery;
    private final ChangeLogReader changeLog = new ChangeLogReader();
    private final FeedMetrics metrics;
    private final Clock clock;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Semaphore wakeUps = new Semaphore(0);
    private final String wakeUpKey = "chatsync-feed-" + UUID.randomUUID();

    private volatile ChangeFeedState state = ChangeFeedState.STOPPED;
    private volatile LogCursor cursor;
    private volatile String lastFailure;
    /** Errors in a row (with no time listening in between) after which the feed gives up. */
    static final int ERRORS_BEFORE_GIVING_UP = 3;

    private volatile boolean running;
    private Thread thread;
    private long lastBound = System.nanoTime() - BOUND_INTERVAL_NANOS;

    /** The feed hands over what is committed after the end of the log as it finds it at its first connection. */
    PostgresChangeFeed(ChangeFeedSettings settings, DeliverChangesUseCase delivery, MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.delivery = delivery;
        this.metrics = new FeedMetrics(meters, settings.nodeName(), clock);
        this.clock = clock;
    }

    synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the change feed of node " + settings.nodeName() + " was started already");
        }
        running = true;
        state = ChangeFeedState.CONNECTING;
        ListenerSocketFactory.register(wakeUpKey, this::wakeUp);
        thread = new Thread(this::run, "chatsync-change-feed");
        thread.start();
    }

    /** Stops listening, {@code UNLISTEN}s and closes the connection; waits for the feed's thread to end. */
    synchronized void stop() throws InterruptedException {
        running = false;
        stopRequested.countDown();
        wakeUp();
        if (thread == null) {
            return;
        }
        thread.join(settings.pollInterval().plus(settings.socketTimeout()).toMillis());
        if (thread.isAlive()) {
            log.warn("Change feed of node {} did not stop within its poll interval and socket time-out; "
                    + "interrupting it", settings.nodeName());
            thread.interrupt();
            thread.join(settings.socketTimeout().multipliedBy(2).toMillis());
        }
        ListenerSocketFactory.unregister(wakeUpKey);
    }

    /** Something may have been committed: read the log now. Cheap, and called for every read on the listener. */
    private void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    @Override
    public ChangeFeedState state() {
        return state;
    }

    @Override
    public Optional<FeedPosition> position() {
        LogCursor at = cursor;
        return at == null ? Optional.empty() : Optional.of(at.last());
    }

    @Override
    public Optional<String> lastFailure() {
        return state == ChangeFeedState.LISTENING ? Optional.empty() : Optional.ofNullable(lastFailure);
    }

    /**
     * Connects, catches up and reads until stopped, reconnecting after each failure. An {@link Error} (out of memory,
     * say) counts as a failure too, so the feed restarts instead of leaving a ready node that delivers nothing; after
     * {@link #ERRORS_BEFORE_GIVING_UP} of them in a row it gives up as {@link ChangeFeedState#FAILED}.
     */
    private void run() {
        try {
            follow();
        } catch (Throwable e) {
            giveUp(e);
        }
    }

    private void follow() {
        Outage outage = null;
        int errorsInARow = 0;
        while (running) {
            try (Connection listener = settings.openListenerConnection(wakeUpKey);
                 Connection reader = settings.openReaderConnection();
                 ChangeLogReader.PreparedRead read = new ChangeLogReader.PreparedRead(
                         DSL.using(reader, SQLDialect.POSTGRES), reader)) {
                if (!running) {
                    break;
                }
                listen(listener);
                state = ChangeFeedState.CATCHING_UP;
                if (cursor == null) {
                    cursor = changeLog.start(reader);
                }
                FeedPosition caughtUpFrom = cursor.last();
                int caughtUp = drain(read, true);
                if (outage == null) {
                    log.info("Change feed of node {} listening from position {} (caught up {} changes)",
                            settings.nodeName(), caughtUpFrom, caughtUp);
                } else {
                    log.info("Change feed of node {} back after {} ms and {} attempts; caught up {} changes from "
                                    + "position {}", settings.nodeName(), outage.millisSince(clock), outage.attempts,
                            caughtUp, caughtUpFrom);
                    outage = null;
                }
                state = ChangeFeedState.LISTENING;
                errorsInARow = 0;
                Listening listening = new Listening(listener);
                try {
                    readUntilStopped(read, listening);
                } finally {
                    listening.stop();
                }
                unlisten(listener);
            } catch (SQLException | DataAccessException e) {
                outage = failed(outage, e, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException e) {
                outage = failed(outage, e, true);
            } catch (Error e) {
                if (++errorsInARow >= ERRORS_BEFORE_GIVING_UP) {
                    throw e;
                }
                outage = failed(outage, new IllegalStateException("the change feed's thread failed", e), true);
            }
            if (outage != null && (!running || !pause(backoff(outage.attempts)))) {
                break;
            }
        }
        state = ChangeFeedState.STOPPED;
        log.info("Change feed of node {} stopped at position {}", settings.nodeName(), position().orElse(null));
    }

    private void giveUp(Throwable e) {
        state = ChangeFeedState.FAILED;
        lastFailure = e.toString();
        log.error("Change feed of node {} gave up at position {} after repeated errors; it delivers nothing until the "
                + "node restarts (liveness is DOWN)", settings.nodeName(), position().orElse(null), e);
    }

    /** Records a failed connection; the first failure of an outage is logged, the rest only at debug level. */
    private Outage failed(Outage outage, Exception e, boolean unexpected) {
        state = ChangeFeedState.CONNECTING;
        lastFailure = reason(e);
        if (!running) {
            return outage == null ? new Outage(clock.instant()) : outage;
        }
        Outage current = outage;
        if (current == null) {
            current = new Outage(clock.instant());
            metrics.reconnected();
            if (unexpected) {
                log.error("Change feed of node {} failed at position {}; reconnecting", settings.nodeName(),
                        position().orElse(null), e);
            } else {
                log.warn("Change feed of node {} lost its database connection at position {}: {}; reconnecting",
                        settings.nodeName(), position().orElse(null), lastFailure);
            }
        } else {
            log.debug("Change feed of node {} could not reconnect (attempt {}): {}", settings.nodeName(),
                    current.attempts, lastFailure);
        }
        current.attempts++;
        return current;
    }

    /** The database's own words: jOOQ's wrapper would repeat the whole SQL statement. */
    private static String reason(Exception e) {
        Throwable cause = e instanceof DataAccessException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage();
    }

    /**
     * Reads the log on every wake-up, and at least once per poll interval, until stopped or the listener fails.
     * Reads are at least {@link ChangeFeedSettings#readSpacing()} apart: under a steady stream of commits each read
     * then takes what arrived meanwhile, instead of one change per query. While commits keep arriving faster than
     * that, the feed stops listening and reads every spacing instead ({@link ReadPacing}).
     */
    private void readUntilStopped(ChangeLogReader.PreparedRead read, Listening listening)
            throws SQLException, InterruptedException {
        long pollMillis = settings.pollInterval().toMillis();
        long spacing = settings.readSpacing().toNanos();
        ReadPacing pacing = new ReadPacing(spacing > 0);
        WakeUpLease lease = new WakeUpLease(settings.pollInterval());
        long lastRead = System.nanoTime() - spacing;
        while (running) {
            // Listening: wait for a wake-up (or the poll interval). On a schedule: read once the spacing has passed.
            boolean onWakeUp = pacing.listening() && listening.isListening();
            if (!onWakeUp) {
                lease.dropped();
            } else if (lease.due()) {
                cursor = changeLog.holdLease(read, cursor, lease.millis());
                lease.renewed();
            }
            long waitMillis = cursor.gaps().isEmpty() ? pollMillis : Math.min(pollMillis, GAP_WAIT_MILLIS);
            boolean woken = !onWakeUp || wakeUps.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
            long wait = lastRead + spacing - System.nanoTime();
            boolean wokenEarly = onWakeUp && woken && wait > 0;
            if (woken && wait > 0) {
                // The rest of the spacing; a stop ends the wait at once.
                stopRequested.await(wait, TimeUnit.NANOSECONDS);
            }
            wakeUps.drainPermits();
            listening.throwIfFailed();
            if (running) {
                lastRead = System.nanoTime();
                int rows = drain(read, false);
                listening.want(pacing.afterRead(rows > 0, wokenEarly));
            }
        }
    }

    /**
     * While the feed waits for notifications it holds a wake-up lease, so that writers notify (they need not
     * otherwise: docs/change-feed.md, "Who is notified"). The lease runs three poll intervals and is renewed
     * before the first read after half of one, so at least once per poll interval, and it lapses only when the
     * feed stalls for two; each renewal also awaits what writers did meanwhile without a notification. While the
     * feed reads on a schedule it lets the lease lapse.
     */
    private static final class WakeUpLease {

        private final long renewAfterNanos;
        private final long millis;
        private boolean held;
        private long renewedAt;

        WakeUpLease(Duration pollInterval) {
            this.renewAfterNanos = pollInterval.toNanos() / 2;
            this.millis = pollInterval.toMillis() * 3;
        }

        boolean due() {
            return !held || System.nanoTime() - renewedAt >= renewAfterNanos;
        }

        long millis() {
            return millis;
        }

        void renewed() {
            held = true;
            renewedAt = System.nanoTime();
        }

        void dropped() {
            held = false;
        }
    }

    /**
     * The thread that owns the listening connection. While listening it keeps the connection inside
     * {@code getNotifications}: pgjdbc only takes notifications off the socket there. Their payloads are not
     * needed (the wake-up comes from the socket, see {@link ListenerSocketFactory}); a wait that ends with nothing
     * checks that the connection still answers. When the feed reads on a schedule instead, this thread runs
     * {@code UNLISTEN *} and waits until it is wanted again, then {@code LISTEN}s and wakes the feed for one more
     * read, which finds whatever was committed before the {@code LISTEN} took effect.
     */
    private final class Listening {

        private final Connection connection;
        private final Thread thread;
        private final Object modeChange = new Object();
        private boolean wanted = true;
        private volatile boolean listeningNow = true;
        private volatile boolean active = true;
        private volatile SQLException failure;
        private volatile IllegalStateException unexpected;

        /** Takes over {@code connection}, which already {@code LISTEN}s. */
        Listening(Connection connection) {
            this.connection = connection;
            metrics.listening(true);
            this.thread = new Thread(this::listen, "chatsync-change-feed-listener");
            this.thread.start();
        }

        /** Whether the connection {@code LISTEN}s now (not only whether it was asked to). */
        boolean isListening() {
            return listeningNow;
        }

        void want(boolean listen) {
            synchronized (modeChange) {
                if (wanted != listen) {
                    wanted = listen;
                    modeChange.notifyAll();
                }
            }
        }

        private void listen() {
            try {
                PGConnection notifications = connection.unwrap(PGConnection.class);
                int pollMillis = (int) settings.pollInterval().toMillis();
                int answerSeconds = (int) settings.socketTimeout().toSeconds();
                while (active) {
                    boolean listen;
                    synchronized (modeChange) {
                        if (active && !wanted && !listeningNow) {
                            modeChange.wait(pollMillis);
                        }
                        listen = wanted;
                    }
                    if (!active) {
                        return;
                    }
                    if (listen && !listeningNow) {
                        PostgresChangeFeed.listen(connection);
                        listeningNow = true;
                        metrics.listening(true);
                        wakeUp();
                    } else if (!listen && listeningNow) {
                        listeningNow = false;
                        metrics.listening(false);
                        execute(connection, "UNLISTEN *");
                    } else if (listen) {
                        var received = notifications.getNotifications(pollMillis);
                        if (received != null && received.length > 0) {
                            metrics.notificationsReceived(received.length);
                        } else if (active) {
                            checkAnswers(answerSeconds);
                        }
                    } else {
                        // Not listening, and a poll interval went by: a lost connection is noticed as it is while
                        // listening, not only when the feed next wants to listen.
                        checkAnswers(answerSeconds);
                    }
                }
            } catch (SQLException e) {
                if (active) {
                    failure = e;
                    wakeUp();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (active) {
                    unexpected = new IllegalStateException("the listening thread was interrupted", e);
                    wakeUp();
                }
            } catch (RuntimeException | Error e) {
                // Whatever ends this thread ends the feed's connections (logged there, with this cause), so the
                // feed reconnects instead of carrying on with nobody reading the listener.
                unexpected = new IllegalStateException("the listening thread failed", e);
                wakeUp();
                if (e instanceof Error error) {
                    throw error;
                }
            }
        }

        private void checkAnswers(int answerSeconds) throws SQLException {
            if (active && !connection.isValid(answerSeconds)) {
                throw new SQLException("the listening connection no longer answers");
            }
        }

        void throwIfFailed() throws SQLException {
            if (failure != null) {
                throw failure;
            }
            if (unexpected != null) {
                throw unexpected;
            }
        }

        /**
         * Ends the thread. While notifications keep arriving {@code getNotifications} does not return, so a
         * thread still reading after the poll interval has its connection aborted under it.
         */
        void stop() throws InterruptedException {
            active = false;
            synchronized (modeChange) {
                modeChange.notifyAll();
            }
            thread.join(settings.pollInterval().toMillis() + 100);
            if (thread.isAlive()) {
                try {
                    connection.abort(Runnable::run);
                } catch (SQLException e) {
                    log.warn("Change feed of node {} could not abort its listening connection: {}",
                            settings.nodeName(), e.getMessage());
                }
                thread.join();
            }
            metrics.listening(false);
        }
    }

    /** Hands over everything committed since the cursor, batch by batch; returns how many log rows it read. */
    private int drain(ChangeLogReader.PreparedRead read, boolean catchingUp) throws SQLException {
        int total = 0;
        while (running) {
            ChangeLogReader.Batch batch = changeLog.read(read, cursor, settings.batchSize());
            if (batch.rows() > 0) {
                handOver(batch, catchingUp);
                total += batch.rows();
            }
            cursor = batch.next();
            if (cursor.unbounded() && System.nanoTime() - lastBound >= BOUND_INTERVAL_NANOS) {
                cursor = changeLog.bound(read, cursor);
                lastBound = System.nanoTime();
            }
            metrics.gaps(cursor.gaps().size());
            if (!batch.full()) {
                return total;
            }
        }
        return total;
    }

    private void handOver(ChangeLogReader.Batch batch, boolean catchingUp) {
        if (!batch.changes().isEmpty()) {
            try {
                delivery.deliver(batch.changes());
            } catch (RuntimeException e) {
                metrics.deliveryFailed();
                log.error("Node {} could not deliver changes {} to {}; they are skipped", settings.nodeName(),
                        batch.changes().get(0).position(), batch.next().last(), e);
            }
        }
        metrics.handedOver(batch.changes(), batch.rows(), batch.unreadable(), catchingUp);
    }

    private static void listen(Connection connection) throws SQLException {
        for (String channel : CHANNELS) {
            execute(connection, "LISTEN " + channel);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void unlisten(Connection connection) {
        try {
            execute(connection, "UNLISTEN *");
        } catch (SQLException e) {
            log.warn("Change feed of node {} could not UNLISTEN before closing: {}", settings.nodeName(),
                    e.getMessage());
        }
    }

    /** A random delay between half the base and base × 2^(attempt-1), capped: nodes do not reconnect in step. */
    private Duration backoff(int attempt) {
        long base = settings.backoffBase().toMillis();
        long ceiling = Math.min(settings.backoffCap().toMillis(), base << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(base / 2, Math.max(base / 2 + 1, ceiling + 1)));
    }

    /** Waits for {@code delay}; returns false when the feed is stopped meanwhile. */
    private boolean pause(Duration delay) {
        try {
            return !stopRequested.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
    }

    private static final class Outage {
        private final Instant since;
        private int attempts;

        Outage(Instant since) {
            this.since = since;
        }

        long millisSince(Clock clock) {
            return Duration.between(since, clock.instant()).toMillis();
        }
    }
}
