package io.chatsync.adapters.postgres.feed;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that owns a feed's listening connection for as long as it is connected.
 *
 * <p>While listening it keeps the connection inside {@code getNotifications}: pgjdbc only takes notifications off
 * the socket there. Their payloads are not needed (the wake-up comes from the socket, see
 * {@link ListenerSocketFactory}); a wait that ends with nothing checks that the connection still answers. When the
 * follower reads on a schedule instead, this thread runs {@code UNLISTEN *} and waits until listening is wanted
 * again, then {@code LISTEN}s and raises a wake-up for one more read, which finds whatever was committed before the
 * {@code LISTEN} took effect.
 */
final class NotificationListener {

    static final String[] CHANNELS = {"chat_messages", "chat_messages_read"};

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    private final Connection connection;
    private final ChangeFeedSettings settings;
    private final WakeUps wakeUps;
    private final FeedMetrics metrics;
    private final Thread thread;
    private final Object modeChange = new Object();
    private boolean wanted = true;
    private volatile boolean listeningNow = true;
    private volatile boolean active = true;
    private volatile SQLException failure;
    private volatile IllegalStateException unexpected;

    /** Takes over {@code connection}, which already {@code LISTEN}s ({@link #listen(Connection)}). */
    NotificationListener(Connection connection, ChangeFeedSettings settings, WakeUps wakeUps, FeedMetrics metrics) {
        this.connection = connection;
        this.settings = settings;
        this.wakeUps = wakeUps;
        this.metrics = metrics;
        metrics.listening(true);
        this.thread = new Thread(this::run, "chatsync-change-feed-listener");
        this.thread.start();
    }

    static void listen(Connection connection) throws SQLException {
        for (String channel : CHANNELS) {
            execute(connection, "LISTEN " + channel);
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
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

    private void run() {
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
                    listen(connection);
                    listeningNow = true;
                    metrics.listening(true);
                    wakeUps.raise();
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
                wakeUps.raise();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (active) {
                unexpected = new IllegalStateException("the listening thread was interrupted", e);
                wakeUps.raise();
            }
        } catch (RuntimeException | Error e) {
            // Whatever ends this thread ends the feed's connections (logged there, with this cause), so the feed
            // reconnects instead of carrying on with nobody reading the listener.
            unexpected = new IllegalStateException("the listening thread failed", e);
            wakeUps.raise();
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

    /** Rethrows what ended this thread, if anything did. */
    void throwIfFailed() throws SQLException {
        if (failure != null) {
            throw failure;
        }
        if (unexpected != null) {
            throw unexpected;
        }
    }

    /**
     * Ends the thread. While notifications keep arriving {@code getNotifications} does not return, so a thread
     * still reading after the poll interval has its connection aborted under it.
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
