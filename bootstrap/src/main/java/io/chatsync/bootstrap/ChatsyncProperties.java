package io.chatsync.bootstrap;

import io.chatsync.domain.message.BodyPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code chatsync.*}.
 *
 * @param nodeName names this node in logs and in {@code pg_stat_activity}; defaults to host and process id
 * @param maxMessageLength the most characters a message body may have
 * @param embeddedDatabase where the embedded PostgreSQL keeps its data when no database is configured
 * @param feed how the change feed paces itself
 * @param rows how the columns of the site's {@code chats} rows are shown to clients
 * @param resume how far back a client that dropped is resumed (docs/resume.md)
 * @param demo a node that seeds demo users and signs their tokens itself, to try chatsync (off)
 */
@ConfigurationProperties("chatsync")
public record ChatsyncProperties(String nodeName, Integer maxMessageLength, EmbeddedDatabase embeddedDatabase,
        Feed feed, Rows rows, Resume resume, Demo demo) {

    public ChatsyncProperties {
        if (maxMessageLength == null) {
            maxMessageLength = BodyPolicy.DEFAULT_MAX_LENGTH;
        }
        atLeastOne("chatsync.max-message-length", maxMessageLength);
        if (embeddedDatabase == null) {
            embeddedDatabase = new EmbeddedDatabase(null, null);
        }
        if (feed == null) {
            feed = new Feed(null, null, null, null, null, null, null, null, null);
        }
        if (rows == null) {
            rows = new Rows(null, null);
        }
        if (resume == null) {
            resume = new Resume(null, null);
        }
        if (demo == null) {
            demo = new Demo(false);
        }
    }

    /**
     * A demo: a teacher and a few students are seeded, and their tokens are signed with a key every demo node on the
     * same database shares; the console's page offers to sign in as each. A demo node refuses to start beside the
     * LMS's keys, and on a database whose {@code users} holds anyone but the demo's.
     *
     * @param enabled whether this node runs as a demo ({@code --demo} on the command line sets it)
     */
    public record Demo(boolean enabled) {
    }

    /**
     * Resumable sessions, on the ports {@code chatsync.gateway.resume} names.
     *
     * @param window how long after it dropped, and after the last event it had was sent, a client is resumed (2 min)
     * @param maxEvents the most events one resumption replays; a client that missed more is not resumed and reloads
     *     through the HTTP API (1,000)
     */
    public record Resume(Duration window, Integer maxEvents) {

        public Resume {
            window = window == null ? Duration.ofMinutes(2) : window;
            maxEvents = maxEvents == null ? 1_000 : maxEvents;
            positive("chatsync.resume.window", window);
            atLeastOne("chatsync.resume.max-events", maxEvents);
        }
    }

    /**
     * Every column of a {@code chats} row reaches clients as the legacy backends sent it (docs/protocol.md).
     *
     * @param legacyTimeZone the time zone of the legacy backends' processes, in which node-postgres read
     *     {@code timestamp} and {@code date} columns (the machine's own zone by default, as Node's)
     * @param hiddenFromStudents columns of the site's own that students are never shown (none by default)
     */
    public record Rows(ZoneId legacyTimeZone, Set<String> hiddenFromStudents) {

        public Rows {
            legacyTimeZone = legacyTimeZone == null ? ZoneId.systemDefault() : legacyTimeZone;
            hiddenFromStudents = hiddenFromStudents == null ? Set.of() : Set.copyOf(hiddenFromStudents);
        }
    }

    /**
     * @param pollInterval the longest wait for a notification before the log is read anyway (1 s)
     * @param socketTimeout the longest a read on the listener may block before the connection counts as dead (10 s)
     * @param backoffBase the first reconnect delay (100 ms); later ones double, with jitter
     * @param backoffCap the longest reconnect delay (5 s)
     * @param batchSize the most changes read and handed over at once (500)
     * @param readSpacing the shortest time between two reads of the log (5 ms); longer batches more changes into
     *     each read, at that much added latency
     * @param retention how long the change log keeps every change at least (1 day); older ones that every running
     *     node has read are pruned
     * @param pruneInterval how often a node prunes the change log (1 min)
     * @param pruneBatch the most changes one delete removes (10,000)
     */
    public record Feed(Duration pollInterval, Duration socketTimeout, Duration backoffBase, Duration backoffCap,
            Integer batchSize, Duration readSpacing, Duration retention, Duration pruneInterval, Integer pruneBatch) {

        public Feed {
            pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
            socketTimeout = socketTimeout == null ? Duration.ofSeconds(10) : socketTimeout;
            backoffBase = backoffBase == null ? Duration.ofMillis(100) : backoffBase;
            backoffCap = backoffCap == null ? Duration.ofSeconds(5) : backoffCap;
            batchSize = batchSize == null ? 500 : batchSize;
            readSpacing = readSpacing == null ? Duration.ofMillis(5) : readSpacing;
            retention = retention == null ? Duration.ofDays(1) : retention;
            pruneInterval = pruneInterval == null ? Duration.ofMinutes(1) : pruneInterval;
            pruneBatch = pruneBatch == null ? 10_000 : pruneBatch;
            positive("chatsync.feed.poll-interval", pollInterval);
            positive("chatsync.feed.socket-timeout", socketTimeout);
            positive("chatsync.feed.backoff-base", backoffBase);
            positive("chatsync.feed.backoff-cap", backoffCap);
            atLeastOne("chatsync.feed.batch-size", batchSize);
            notNegative("chatsync.feed.read-spacing", readSpacing);
            positive("chatsync.feed.retention", retention);
            positive("chatsync.feed.prune-interval", pruneInterval);
            atLeastOne("chatsync.feed.prune-batch", pruneBatch);
        }
    }

    /**
     * @param dataDirectory kept across restarts; {@code data/postgres} under the working directory by default
     * @param port 0 or unset for any free port
     */
    public record EmbeddedDatabase(Path dataDirectory, Integer port) {

        public EmbeddedDatabase {
            if (dataDirectory == null) {
                dataDirectory = Path.of("data", "postgres");
            }
            if (port == null) {
                port = 0;
            }
        }
    }

    static void atLeastOne(String property, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(property + " must be at least 1, got " + value);
        }
    }

    static void positive(String property, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be longer than 0, got " + value);
        }
    }

    static void notNegative(String property, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(property + " must not be negative, got " + value);
        }
    }
}
