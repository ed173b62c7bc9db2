package io.chatsync.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

/**
 * The reads a dashboard and the app make, at a database's age: {@code chats} loaded in bulk with millions of
 * messages over thousands of students' threads, then, over HTTP on one node while writers insert at the reference
 * rate, a page of the staff conversation list, a student's unread count and a page of a thread's history, each
 * at {@code benchmark.data-request-rate} a second ({@link PacedReads}; by default ten, as a dashboard refetching
 * its list at its most), after ten seconds of writes and unpaced reads to warm the node up. Run on its own
 * ({@code -Dbenchmark.scenario=data-size}); the sizes are {@code benchmark.data-sizes} (messages) over
 * {@code benchmark.data-students} students.
 */
final class DataSize {

    private static final String LOAD = """
            INSERT INTO chats (user_id, sender, message, read_by_student, read_by_teacher, created_at)
            SELECT 1 + n %% %2$d, CASE WHEN n %% 2 = 0 THEN 'student' ELSE 'teacher' END,
                   'message ' || n || ' about this week''s homework', n %% 10 <> 0, n %% 7 <> 0,
                   now() - (%1$d - n) * interval '1 second'
            FROM generate_series(1, %1$d) AS n""";

    private final Context context;
    private final Path jar;
    private final List<Long> sizes;
    private final int students;
    private final Duration duration;
    private final double requestRate;

    DataSize(Context context, Path jar) {
        this.context = context;
        this.jar = jar;
        this.sizes = Arrays.stream(System.getProperty("benchmark.data-sizes", "1000000,10000000").split(","))
                .map(String::trim).map(Long::valueOf).toList();
        this.students = Integer.getInteger("benchmark.data-students", 10_000);
        this.duration = Duration.ofSeconds(Integer.getInteger("benchmark.data-seconds", 30));
        this.requestRate = Double.parseDouble(System.getProperty("benchmark.data-request-rate", "10"));
    }

    void measure(Database server) throws Exception {
        Report report = context.report();
        report.print("### The reads at a database's age: " + students + " students, writers at "
                + Math.round(context.settings().fixedRate()) + " messages/s, one node; HTTP reads for "
                + duration.toSeconds() + " s one after another, then " + duration.toSeconds() + " s of each kind at "
                + Math.round(requestRate) + "/s, each timed from when it was due\n");
        report.print("| messages | load | summary filled in | request | reads | count | p50 / p99 / max ms "
                + "| writers' rate |");
        report.print("| ---: | ---: | ---: | --- | --- | ---: | --- | ---: |");
        for (long size : sizes) {
            measure(server, size);
        }
        report.print("");
    }

    private void measure(Database server, long size) throws Exception {
        Database database = server.recreate("chatsync_data_size");
        try {
            // Start once for the schema, then load the years of messages without the trigger, as they were written
            // before chatsync; the next start fills the summary from them.
            node(database, "data-migrate").close();
            database.execute("INSERT INTO users (full_name, avatar_url) SELECT 'Student ' || n, "
                    + "'https://lms.example/avatars/' || n || '.png' FROM generate_series(1, " + students + ") AS n");
            long loadStart = System.nanoTime();
            database.execute("ALTER TABLE chats DISABLE TRIGGER USER");
            database.execute(LOAD.formatted(size, students));
            database.execute("ALTER TABLE chats ENABLE TRIGGER USER");
            database.execute("DELETE FROM chat_threads");
            database.execute("UPDATE chat_thread_summary SET complete = false");
            database.execute("VACUUM ANALYZE chats");
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            try (ChatsyncNode node = node(database, "data-node")) {
                long fillStart = System.nanoTime();
                while (database.count("SELECT count(*) FROM chat_thread_summary WHERE complete") == 0) {
                    if (System.nanoTime() - fillStart > Duration.ofMinutes(30).toNanos()) {
                        throw new IllegalStateException("the summary was not filled within 30 minutes");
                    }
                    // The filling node says nothing but the row it sets: ask again in a fifth of a second.
                    LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                }
                double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
                reads(database, size, loadSeconds, fillSeconds);
            }
        } finally {
            server.drop("chatsync_data_size");
        }
    }

    private void reads(Database database, long size, double loadSeconds, double fillSeconds) throws Exception {
        Tokens tokens = context.tokens();
        String base = "http://" + Benchmark.NODE_A + ":3000";
        String staff = tokens.staff(1);
        List<PacedReads> kinds = List.of(
                new PacedReads("staff conversation list, page of 50", requestRate,
                        student -> base + "/api/conversations?limit=50", student -> staff, 200),
                new PacedReads("a student's unread count", requestRate,
                        student -> base + "/api/me/unread", tokens::student, 200),
                new PacedReads("a thread's history, page of 50", requestRate,
                        student -> base + "/api/threads/" + student + "/messages?limit=50", student -> staff, 200),
                // The floor: the same port's cheapest answer (a request without a token is refused before any
                // token is checked or the database asked), to tell what a read costs from what any request waits.
                new PacedReads("floor: a request without a token, refused", requestRate,
                        student -> base + "/api/me/unread", student -> "", 401));
        try (Writer writer = new Writer(database.jdbcUrl(), database.properties(), context.settings().writers())) {
            int[] threads = IntStream.rangeClosed(1, students).toArray();
            backToBack(kinds, writer, threads, Duration.ofSeconds(10));
            Measured oneAfterAnother = backToBack(kinds, writer, threads, duration);
            Measured paced = paced(kinds, writer, threads);
            String first = "| " + size + " | " + Math.round(loadSeconds) + " s | " + Math.round(fillSeconds) + " s ";
            rows(first, kinds, "one after another", oneAfterAnother);
            rows("| | | ", kinds, Math.round(requestRate) + "/s each, paced", paced);
        }
    }

    /**
     * The kinds of request in turn, one after another on one thread, each timed, for {@code length} while the
     * writers write at the reference rate. Run first for ten seconds as a warm-up, not counted: the node's code for
     * both is compiled and its pools are full before anything is measured.
     */
    private Measured backToBack(List<PacedReads> kinds, Writer writer, int[] threads, Duration length)
            throws Exception {
        List<Latencies> latencies = kinds.stream().map(kind -> new Latencies()).toList();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Future<?> reads = reader.submit(() -> {
                long until = System.nanoTime() + length.toNanos();
                while (System.nanoTime() < until) {
                    for (int i = 0; i < kinds.size(); i++) {
                        latencies.get(i).add(kinds.get(i).once(students));
                    }
                }
                return null;
            });
            Writer.Written written = writer.run(context.settings().fixedRate(), length, threads, true);
            reads.get();
            return new Measured(latencies, written);
        } finally {
            reader.shutdownNow();
        }
    }

    /** Every kind of request at its own pace on its own thread while {@code writer} writes on this one. */
    private Measured paced(List<PacedReads> kinds, Writer writer, int[] threads) throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(kinds.size());
        try {
            List<Future<Latencies>> runs = new ArrayList<>();
            for (int i = 0; i < kinds.size(); i++) {
                PacedReads kind = kinds.get(i);
                // Each kind's requests fall between the others', not at the same moments.
                double shift = (double) i / kinds.size();
                runs.add(readers.submit(() -> kind.run(students, duration, shift)));
            }
            Writer.Written written = writer.run(context.settings().fixedRate(), duration, threads, true);
            List<Latencies> latencies = new ArrayList<>();
            for (Future<Latencies> run : runs) {
                latencies.add(run.get());
            }
            return new Measured(latencies, written);
        } finally {
            readers.shutdownNow();
        }
    }

    /** Each kind's latencies, in the order of the kinds, and what the writers achieved meanwhile. */
    private record Measured(List<Latencies> latencies, Writer.Written written) {
    }

    private void rows(String first, List<PacedReads> kinds, String reads, Measured measured) {
        String rate = Math.round(measured.written().achievedPerSecond()) + "/s";
        for (int i = 0; i < kinds.size(); i++) {
            row(i == 0 ? first : "| | | ", kinds.get(i).name(), reads, measured.latencies().get(i),
                    i == 0 ? rate : "");
        }
    }

    private void row(String start, String request, String reads, Latencies latencies, String rate) {
        context.report().print(start + "| " + request + " | " + reads + " | " + latencies.count() + " | "
                + String.format("%.1f / %.1f / %.1f", latencies.percentileMillis(50), latencies.percentileMillis(99),
                latencies.maxMillis()) + " | " + rate + " |");
    }

    private ChatsyncNode node(Database database, String name) throws Exception {
        Settings settings = context.settings();
        ChatsyncNode node = ChatsyncNode.start(jar, name, "1g", settings.nodeJvmOptions(), settings.servers(),
                database, Benchmark.SECRET, 9091, context.work().resolve(name + ".log"),
                "--server.address=" + Benchmark.NODE_A, "--server.port=3000", "--chatsync.gateway.student-port=3002");
        node.awaitReady(Duration.ofMinutes(5));
        return node;
    }
}
