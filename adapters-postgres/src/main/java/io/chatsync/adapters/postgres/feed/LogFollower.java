package io.chatsync.adapters.postgres.feed;

import io.chatsync.application.delivery.DeliverChangesUseCase;
import io.chatsync.application.delivery.FeedPosition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the change log past the node's cursor and hands each change over once. It owns the cursor, which outlives
 * connections: after an outage the follower catches up from where it stopped.
 */
final class LogFollower {

    private static final Logger log = LoggerFactory.getLogger(LogFollower.class);

    /**
     * How often at most the follower takes a transaction id to bound the gaps it found meanwhile (each takes one
     * of the database's transaction ids; a gap merely waits longer to be dropped).
     */
    private static final long BOUND_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /**
     * How long at most the follower waits for a wake-up while it awaits a gap: a change the gap's writer commits
     * is announced by no notification when the writer found no lease (docs/change-feed.md, "Who is notified").
     */
    private static final long GAP_WAIT_MILLIS = 50;

    /** How often the follower tells pruning what it still needs ({@link LogPruner}). */
    private static final long MARK_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final ChangeFeedSettings settings;
    private final DeliverChangesUseCase delivery;
    private final FeedMetrics metrics;
    private final WakeUps wakeUps;
    private final CountDownLatch stopped;
    private final ChangeLogReader changeLog;
    /** Absent until the first connection finds the end of the log. */
    private volatile @Nullable LogCursor cursor;
    private long lastBound = System.nanoTime() - BOUND_INTERVAL_NANOS;
    private long lastMark = System.nanoTime() - MARK_INTERVAL_NANOS;
    /** This follower among the log's readers: the node's name and this run of it. */
    private final String readerName;

    /** {@code stopped} counts down when the feed stops: a read in progress ends, the next does not start. */
    LogFollower(ChangeFeedSettings settings, ChangeLogReader changeLog, DeliverChangesUseCase delivery,
            FeedMetrics metrics, WakeUps wakeUps, CountDownLatch stopped) {
        this.changeLog = changeLog;
        this.readerName = settings.nodeName() + ":" + UUID.randomUUID().toString().substring(0, 8);
        this.settings = settings;
        this.delivery = delivery;
        this.metrics = metrics;
        this.wakeUps = wakeUps;
        this.stopped = stopped;
    }

    /** The position of the last change handed over, or empty before the first connection. */
    Optional<FeedPosition> position() {
        LogCursor at = cursor;
        return at == null ? Optional.empty() : Optional.of(at.last());
    }

    private boolean running() {
        return stopped.getCount() > 0;
    }

    /**
     * Hands over what was committed since the cursor; on the first connection the cursor starts at the end of the
     * log as found then. Returns how many changes it caught up.
     */
    int catchUp(Connection reader, ChangeLogReader.PreparedRead read) throws SQLException {
        if (cursor == null) {
            cursor = changeLog.start(reader);
            delivery.handedOver(cursor.handedOver());
        }
        int caughtUp = drain(read, true);
        markReader(read, true);
        return caughtUp;
    }

    /** Every {@link #MARK_INTERVAL_NANOS} (or now, when {@code now}), tells pruning what this node still needs. */
    private void markReader(ChangeLogReader.PreparedRead read, boolean now) throws SQLException {
        if (now || System.nanoTime() - lastMark >= MARK_INTERVAL_NANOS) {
            changeLog.markReader(read, readerName, cursor);
            lastMark = System.nanoTime();
        }
    }

    /**
     * Reads the log on every wake-up, and at least once per poll interval, until the feed stops or the listener
     * fails. Reads are at least {@link ChangeFeedSettings#readSpacing()} apart: under a steady stream of commits
     * each read then takes what arrived meanwhile, instead of one change per query. While commits keep arriving
     * faster than that, the follower stops listening and reads every spacing instead ({@link ReadPacing}).
     */
    void follow(ChangeLogReader.PreparedRead read, NotificationListener listener)
            throws SQLException, InterruptedException {
        long pollMillis = settings.pollInterval().toMillis();
        long spacing = settings.readSpacing().toNanos();
        ReadPacing pacing = new ReadPacing(spacing > 0);
        WakeUpLease lease = new WakeUpLease(settings.pollInterval());
        long lastRead = System.nanoTime() - spacing;
        long lastReadEnded = lastRead;
        while (running()) {
            // Listening: wait for a wake-up (or the poll interval). On a schedule: read once the spacing has passed.
            boolean onWakeUp = pacing.listening() && listener.isListening();
            if (!onWakeUp) {
                if (lease.held()) {
                    changeLog.endLease(read);
                }
                lease.dropped();
            } else if (lease.due()) {
                cursor = changeLog.holdLease(read, cursor, lease.millis());
                lease.renewed();
            }
            long waitMillis = cursor.gaps().isEmpty() ? pollMillis : Math.min(pollMillis, GAP_WAIT_MILLIS);
            boolean woken = !onWakeUp || wakeUps.await(waitMillis);
            long now = System.nanoTime();
            long wait = lastRead + spacing - now;
            // Commits come at least every spacing when the wake-up came within one of the last read's end, or
            // during that read: on a busy machine a read and its hand-over can take longer than the spacing, and
            // that is when notifying commits cost most.
            boolean wokenEarly = onWakeUp && woken && now - lastReadEnded < spacing;
            if (woken && wait > 0) {
                // The rest of the spacing; a stop ends the wait at once.
                stopped.await(wait, TimeUnit.NANOSECONDS);
            }
            wakeUps.clear();
            listener.throwIfFailed();
            if (running()) {
                lastRead = System.nanoTime();
                int rows = drain(read, false);
                lastReadEnded = System.nanoTime();
                listener.want(pacing.afterRead(rows > 0, wokenEarly, lastReadEnded));
                markReader(read, false);
            }
        }
    }

    /** Hands over everything committed since the cursor, batch by batch; returns how many log rows it read. */
    private int drain(ChangeLogReader.PreparedRead read, boolean catchingUp) throws SQLException {
        int total = 0;
        while (running()) {
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
        delivery.handedOver(batch.next().handedOver());
        metrics.handedOver(batch.changes(), batch.rows(), batch.unreadable(), catchingUp);
    }
}
