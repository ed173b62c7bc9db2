package io.chatsync.adapters.postgres.feed;

import io.chatsync.adapters.postgres.store.ChatRowReader;
import io.chatsync.application.delivery.DeliverChangesUseCase;
import io.chatsync.application.delivery.FeedPosition;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's change feed, kept running: it connects the {@link NotificationListener} and the {@link LogFollower},
 * and through every outage reconnects with jittered back-off, logging once per outage. It alone sets the feed's
 * {@link ChangeFeedState}. See docs/change-feed.md.
 */
final class FeedSupervisor implements ChangeFeedStatus {

    /** Errors in a row (with no time listening in between) after which the feed gives up. */
    static final int ERRORS_BEFORE_GIVING_UP = 3;

    private static final Logger log = LoggerFactory.getLogger(FeedSupervisor.class);

    private final ChangeFeedSettings settings;
    private final FeedConnections connections;
    private final FeedMetrics metrics;
    private final Clock clock;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final WakeUps wakeUps = new WakeUps();
    private final LogFollower follower;

    private volatile ChangeFeedState state = ChangeFeedState.STOPPED;
    private volatile @Nullable String lastFailure;
    private @Nullable Thread thread;

    /** The feed hands over what is committed after the end of the log as it finds it at its first connection. */
    FeedSupervisor(ChangeFeedSettings settings, ChatRowReader rows, DeliverChangesUseCase delivery,
            MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.connections = new FeedConnections(settings);
        this.metrics = new FeedMetrics(meters, settings.nodeName(), clock);
        this.clock = clock;
        this.follower = new LogFollower(settings, new ChangeLogReader(rows), delivery, metrics, wakeUps,
                stopRequested);
    }

    synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the change feed of node " + settings.nodeName() + " was started already");
        }
        state = ChangeFeedState.CONNECTING;
        thread = new Thread(this::run, "chatsync-change-feed");
        thread.start();
    }

    /** Stops listening, {@code UNLISTEN}s and closes the connections; waits for the feed's thread to end. */
    synchronized void stop() throws InterruptedException {
        stopRequested.countDown();
        wakeUps.raise();
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
    }

    @Override
    public ChangeFeedState state() {
        return state;
    }

    @Override
    public Optional<FeedPosition> position() {
        return follower.position();
    }

    @Override
    public Optional<String> lastFailure() {
        return state == ChangeFeedState.LISTENING ? Optional.empty() : Optional.ofNullable(lastFailure);
    }

    private boolean running() {
        return stopRequested.getCount() > 0;
    }

    /**
     * Connects, catches up and follows until stopped, reconnecting after each failure. An {@link Error} (out of
     * memory, say) counts as a failure too, so the feed restarts instead of leaving a ready node that delivers
     * nothing; after {@link #ERRORS_BEFORE_GIVING_UP} of them in a row it gives up as {@link ChangeFeedState#FAILED}.
     */
    private void run() {
        try {
            superviseUntilStopped();
        } catch (Throwable e) {
            giveUp(e);
        }
    }

    private void superviseUntilStopped() {
        Outage outage = null;
        int errorsInARow = 0;
        while (running()) {
            try (Connection listening = connections.openListener(wakeUps);
                 Connection reader = connections.openReader();
                 ChangeLogReader.PreparedRead read = new ChangeLogReader.PreparedRead(reader)) {
                if (!running()) {
                    break;
                }
                NotificationListener.listen(listening);
                state = ChangeFeedState.CATCHING_UP;
                Optional<FeedPosition> caughtUpFrom = follower.position();
                int caughtUp = follower.catchUp(reader, read);
                logConnected(outage, caughtUpFrom.or(follower::position).orElse(null), caughtUp);
                outage = null;
                state = ChangeFeedState.LISTENING;
                errorsInARow = 0;
                NotificationListener listener = new NotificationListener(listening, settings, wakeUps, metrics);
                try {
                    follower.follow(read, listener);
                } finally {
                    listener.stop();
                }
                unlisten(listening);
            } catch (SQLException | DataAccessException e) {
                outage = failed(outage, e, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopRequested.countDown();
            } catch (RuntimeException e) {
                outage = failed(outage, e, true);
            } catch (Error e) {
                if (++errorsInARow >= ERRORS_BEFORE_GIVING_UP) {
                    throw e;
                }
                outage = failed(outage, new IllegalStateException("the change feed's thread failed", e), true);
            }
            if (outage != null && (!running()
                    || !pause(outage.backoff(settings.backoffBase(), settings.backoffCap())))) {
                break;
            }
        }
        state = ChangeFeedState.STOPPED;
        log.info("Change feed of node {} stopped at position {}", settings.nodeName(), position().orElse(null));
    }

    private void logConnected(Outage outage, FeedPosition from, int caughtUp) {
        if (outage == null) {
            log.info("Change feed of node {} listening from position {} (caught up {} changes)",
                    settings.nodeName(), from, caughtUp);
        } else {
            log.info("Change feed of node {} back after {} ms and {} attempts; caught up {} changes from position {}",
                    settings.nodeName(), outage.millisSince(clock), outage.attempts(), caughtUp, from);
        }
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
        if (!running()) {
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
                    current.attempts(), lastFailure);
        }
        current.attempted();
        return current;
    }

    /** The database's own words: jOOQ's wrapper would repeat the whole SQL statement. */
    private static String reason(Exception e) {
        Throwable cause = e instanceof DataAccessException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage();
    }

    private void unlisten(Connection connection) {
        try {
            NotificationListener.execute(connection, "UNLISTEN *");
        } catch (SQLException e) {
            log.warn("Change feed of node {} could not UNLISTEN before closing: {}", settings.nodeName(),
                    e.getMessage());
        }
    }

    /** Waits for {@code delay}; returns false when the feed is stopped meanwhile. */
    private boolean pause(Duration delay) {
        try {
            return !stopRequested.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested.countDown();
            return false;
        }
    }
}
