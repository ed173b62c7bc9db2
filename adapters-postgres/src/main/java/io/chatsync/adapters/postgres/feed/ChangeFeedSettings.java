package io.chatsync.adapters.postgres.feed;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * How a node's change feed connects and paces itself.
 *
 * @param nodeName names the feed's connections {@code chatsync:<node>:listener} and {@code chatsync:<node>:feed-reader}
 * @param jdbcUrl the shared database
 * @param user may be null when the URL carries it
 * @param password may be null when the URL carries it or none is needed
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
        String user,
        String password,
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
            // A waiting node's wake-up lease runs three poll intervals, from 1 ms to an hour (V8).
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
    public static ChangeFeedSettings of(String nodeName, String jdbcUrl, String user, String password) {
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

    public String applicationName() {
        return "chatsync:" + nodeName + ":listener";
    }

    public String readerApplicationName() {
        return "chatsync:" + nodeName + ":feed-reader";
    }

    /**
     * Opens the connection that {@code LISTEN}s, named for this node and role; {@code wakeUp} names what
     * {@link ListenerSocketFactory} calls whenever bytes arrive on it.
     */
    public Connection openListenerConnection(String wakeUp) throws SQLException {
        Properties properties = properties(applicationName());
        properties.setProperty("socketFactory", ListenerSocketFactory.class.getName());
        properties.setProperty("socketFactoryArg", wakeUp);
        return open(properties);
    }

    /** Opens the connection that reads the change log, named for this node and role. */
    public Connection openReaderConnection() throws SQLException {
        return open(properties(readerApplicationName()));
    }

    private Connection open(Properties properties) throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl, properties);
        connection.setAutoCommit(true);
        return connection;
    }

    private Properties properties(String applicationName) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("socketTimeout", Long.toString(socketTimeout.toSeconds()));
        properties.setProperty("connectTimeout", Long.toString(socketTimeout.toSeconds()));
        properties.setProperty("tcpKeepAlive", "true");
        return properties;
    }

    @Override
    public String toString() {
        return "ChangeFeedSettings[node=" + nodeName + ", pollInterval=" + pollInterval + ", socketTimeout="
                + socketTimeout + ", backoff=" + backoffBase + ".." + backoffCap + ", batchSize=" + batchSize + "]";
    }
}
