package io.chatsync.adapters.postgres.feed;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How a node's change feed connects and paces itself (the connections are opened by {@link FeedConnections}).
 *
 * @param nodeName names the feed's connections {@code chatsync:<node>:listener} and {@code chatsync:<node>:feed-reader}
 * @param jdbcUrl the shared database
 * @param user absent when the URL carries it
 * @param password absent when the URL carries it or none is needed
 * @param pollInterval the longest wait for a notification before the log is read anyway; from 1 ms to 20 minutes
 * @param socketTimeout the longest a read on the connection may block before it counts as dead; positive
 * @param backoffBase the first reconnect delay; later ones double, with jitter
 * @param backoffCap the longest reconnect delay
 * @param batchSize the most changes read and handed over at once
 * @param readSpacing the shortest time between two reads of the log: under a steady stream of commits each read
 *     takes what arrived meanwhile, one query for many changes, at up to this much latency; zero or positive
 */
public record ChangeFeedSettings(
        String nodeName,
        String jdbcUrl,
        @Nullable String user,
        @Nullable String password,
        Duration pollInterval,
        Duration socketTimeout,
        Duration backoffBase,
        Duration backoffCap,
        int batchSize,
        Duration readSpacing) {

    /** The longest poll interval: a waiting node's wake-up lease, three of them, runs an hour at most. */
    public static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(20);

    public ChangeFeedSettings {
        if (nodeName == null || nodeName.isBlank() || jdbcUrl == null) {
            throw new IllegalArgumentException("a change feed needs a node name and a JDBC URL");
        }
        if (pollInterval.toMillis() < 1 || pollInterval.compareTo(MAX_POLL_INTERVAL) > 0
                || socketTimeout.toSeconds() < 1) {
            // A waiting node's wake-up lease runs three poll intervals, from 1 ms to an hour (R__feed_wake_up_lease.sql).
            throw new IllegalArgumentException("the poll interval runs from 1 ms to 20 minutes and the socket "
                    + "timeout is at least 1 s, got " + pollInterval + " and " + socketTimeout);
        }
        if (backoffBase.isNegative() || backoffBase.isZero() || backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("the back-off starts positive and its cap is not below its start");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size is positive, got " + batchSize);
        }
        if (readSpacing.isNegative()) {
            throw new IllegalArgumentException("the read spacing is not negative, got " + readSpacing);
        }
    }

    /**
     * Reads of the log at least 5 ms apart: at 1,000 commits/s about five changes per read, at most 5 ms waited. In
     * the benchmark (docs/benchmarks.md) this took a quarter off the database's and the nodes' CPU against 2 ms,
     * and p99 fell at every rate; p50 rose by 1.6 ms.
     */
    public static final Duration DEFAULT_READ_SPACING = Duration.ofMillis(5);

    /** Defaults for everything but where to connect. */
    public static ChangeFeedSettings of(String nodeName, String jdbcUrl, @Nullable String user,
            @Nullable String password) {
        return new ChangeFeedSettings(nodeName, jdbcUrl, user, password, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofMillis(100), Duration.ofSeconds(5), 500, DEFAULT_READ_SPACING);
    }

    public ChangeFeedSettings withBackoff(Duration base, Duration cap) {
        return new ChangeFeedSettings(nodeName, jdbcUrl, user, password, pollInterval, socketTimeout, base, cap,
                batchSize, readSpacing);
    }

    public ChangeFeedSettings withReadSpacing(Duration spacing) {
        return new ChangeFeedSettings(nodeName, jdbcUrl, user, password, pollInterval, socketTimeout, backoffBase,
                backoffCap, batchSize, spacing);
    }

    public ChangeFeedSettings withPollInterval(Duration interval) {
        return new ChangeFeedSettings(nodeName, jdbcUrl, user, password, interval, socketTimeout, backoffBase,
                backoffCap, batchSize, readSpacing);
    }

    /** The listening connection's {@code application_name}. */
    public String listenerApplicationName() {
        return "chatsync:" + nodeName + ":listener";
    }

    /** The log reader's {@code application_name}. */
    public String readerApplicationName() {
        return "chatsync:" + nodeName + ":feed-reader";
    }

    @Override
    public String toString() {
        return "ChangeFeedSettings[node=" + nodeName + ", pollInterval=" + pollInterval + ", socketTimeout="
                + socketTimeout + ", backoff=" + backoffBase + ".." + backoffCap + ", batchSize=" + batchSize + "]";
    }
}
