package io.chatsync.adapters.postgres.feed;

import io.chatsync.adapters.postgres.ChatsyncMigrations;
import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.PostgresServer;
import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.delivery.DeliverChangesUseCase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Prints the change feed's commit-to-hand-over latency at a fixed insert rate, and the highest rate it hands over
 * while writers insert as fast as they can. Not a test: run it with
 * {@code ./mvnw -pl adapters-postgres -am -DskipTests -Pfeed-benchmark verify}.
 */
public final class FeedBenchmark {

    static final int STUDENTS = 200;
    static final int WRITERS = Integer.getInteger("benchmark.writers", 4);

    private final String url;
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private final int[] students = new int[STUDENTS];
    /** chat_id → when the writer saw its insert commit (System.nanoTime). */
    private final ConcurrentHashMap<Integer, Long> committedAt = new ConcurrentHashMap<>();
    private final AtomicLong handedOver = new AtomicLong();
    private volatile long[] latencies = new long[0];
    private volatile long[] sinceRecorded = new long[0];
    private volatile int latencyCount;

    private FeedBenchmark(String url) {
        this.url = url;
        dataSource.setURL(url);
        dataSource.setApplicationName("chatsync:benchmark:writers");
    }

    public static void main(String[] args) throws Exception {
        Duration fixed = Duration.ofSeconds(Long.getLong("benchmark.seconds", 20));
        PostgresServer server = PostgresServer.get();
        String url = server.createDatabase("feed_benchmark");
        try {
            new FeedBenchmark(url).run(fixed);
        } finally {
            server.dropDatabase(url);
        }
        System.exit(0);
    }

    private void run(Duration duration) throws Exception {
        ChatsyncMigrations.migrate(dataSource);
        ChatFixtures fixtures = new ChatFixtures(dataSource);
        for (int i = 0; i < STUDENTS; i++) {
            students[i] = fixtures.student("Benchmark Student " + i);
        }
        System.out.printf(Locale.ROOT, "%nchange feed benchmark: %d writers, %d student threads, %s%n", WRITERS,
                STUDENTS, serverVersion());

        DeliverChangesUseCase record = this::record;
        ChangeFeedSettings settings = ChangeFeedSettings.of("benchmark", url, null, null)
                .withPollInterval(Duration.ofMillis(Long.getLong("benchmark.poll-ms", 1_000)));
        FeedSupervisor feed = new FeedSupervisor(settings, RecordingDelivery.ROWS, record, new SimpleMeterRegistry(),
                Clock.systemUTC());
        feed.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (feed.state() != ChangeFeedState.LISTENING && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }

        warmUp();
        measure("fixed 1,000 inserts/s", 1_000, duration);
        measure("as fast as the writers go", 0, duration);
        feed.stop();
    }

    private void warmUp() throws Exception {
        insert(500, Duration.ofSeconds(5));
        awaitHandedOver(Duration.ofSeconds(30));
    }

    /** @param rate inserts per second over all writers; 0 for no pacing */
    private void measure(String label, int rate, Duration duration) throws Exception {
        reset();
        long before = handedOver.get();
        long started = System.nanoTime();
        long inserted = insert(rate, duration);
        long writersDone = System.nanoTime();
        double insertSeconds = (writersDone - started) / 1e9;
        boolean drained = awaitHandedOver(Duration.ofSeconds(60));
        double drainMillis = (System.nanoTime() - writersDone) / 1e6;
        double totalSeconds = (System.nanoTime() - started) / 1e9;
        long changes = handedOver.get() - before;
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        long[] logged = Arrays.copyOf(sinceRecorded, latencyCount);
        Arrays.sort(logged);
        System.out.printf(Locale.ROOT,
                "%-28s inserted %,d in %.1f s (%,.0f/s); handed over %,d (%,.0f/s sustained), the last %.0f ms "
                        + "after the writers stopped%s%n"
                        + "%-28s commit-to-hand-over p50 %.1f ms, p99 %.1f ms, max %.1f ms%n"
                        + "%-28s log-entry-to-hand-over p50 %.0f ms, p99 %.0f ms (trigger's clock_timestamp, ms)%n",
                label, inserted, insertSeconds, inserted / insertSeconds, changes, changes / totalSeconds,
                drainMillis, drained ? "" : " NOT DRAINED", "", percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, "", percentile(logged, 0.50),
                percentile(logged, 0.99));
    }

    private long insert(int rate, Duration duration) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        long end = System.nanoTime() + duration.toNanos();
        long interval = rate == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) * WRITERS / rate;
        Future<?>[] running = new Future<?>[WRITERS];
        AtomicLong count = new AtomicLong();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            running[w] = writers.submit(() -> {
                try (Connection connection = DriverManager.getConnection(url);
                        PreparedStatement insert = connection.prepareStatement(
                                "INSERT INTO chats (user_id, sender, message) VALUES (?, ?, ?) RETURNING chat_id")) {
                    long next = System.nanoTime();
                    for (int i = 0; System.nanoTime() < end; i++) {
                        if (interval > 0) {
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                            next += interval;
                        }
                        insert.setInt(1, students[(writer + i * WRITERS) % STUDENTS]);
                        insert.setString(2, i % 2 == 0 ? "student" : "teacher");
                        insert.setString(3, "benchmark message " + i + " of writer " + writer);
                        try (ResultSet id = insert.executeQuery()) {
                            id.next();
                            committedAt.put(id.getInt(1), System.nanoTime());
                        }
                        count.incrementAndGet();
                    }
                }
                return null;
            });
        }
        for (Future<?> writer : running) {
            writer.get();
        }
        writers.shutdown();
        return count.get();
    }

    private synchronized void record(List<ChatChange> changes) {
        long now = System.nanoTime();
        for (ChatChange change : changes) {
            if (change instanceof ChatChange.MessageAdded added) {
                Long committed = committedAt.remove(added.message().id().value());
                // The hand-over can beat the writer's own acknowledgement of the commit; that counts as 0.
                long latency = committed == null ? 0 : Math.max(0, now - committed);
                if (latencyCount == latencies.length) {
                    latencies = Arrays.copyOf(latencies, Math.max(1024, latencies.length * 2));
                    sinceRecorded = Arrays.copyOf(sinceRecorded, latencies.length);
                }
                // The trigger's clock_timestamp() (same machine clock): from the log entry to hand-over.
                sinceRecorded[latencyCount] = Math.max(0,
                        (System.currentTimeMillis() - added.recordedAt().toEpochMilli()) * 1_000_000);
                latencies[latencyCount++] = latency;
            }
        }
        handedOver.addAndGet(changes.size());
    }

    private synchronized void reset() {
        latencies = new long[1024];
        sinceRecorded = new long[1024];
        latencyCount = 0;
    }

    private boolean awaitHandedOver(Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long total = totalChanges();
        // The feed started at the end of an empty log, so it owes every logged change.
        while (handedOver.get() < total && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
        return handedOver.get() >= total;
    }

    private long totalChanges() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM chat_changes")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private String serverVersion() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL " + connection.getMetaData().getDatabaseProductVersion();
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
