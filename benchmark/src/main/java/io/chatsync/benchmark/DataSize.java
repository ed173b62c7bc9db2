package io.chatsync.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * The reads a dashboard and the app make, at a database's age: {@code chats} loaded in bulk with millions of
 * messages over thousands of students' threads, then, over HTTP on one node while writers insert at the reference
 * rate, a page of the staff conversation list, a student's unread count and a page of a thread's history, one
 * request after another, after ten seconds of the same to warm the node up. Run on its own ({@code -Dbenchmark.scenario=data-size}); the sizes are
 * {@code benchmark.data-sizes} (messages) over {@code benchmark.data-students} students.
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

    DataSize(Context context, Path jar) {
        this.context = context;
        this.jar = jar;
        this.sizes = Arrays.stream(System.getProperty("benchmark.data-sizes", "1000000,10000000").split(","))
                .map(String::trim).map(Long::valueOf).toList();
        this.students = Integer.getInteger("benchmark.data-students", 10_000);
        this.duration = Duration.ofSeconds(Integer.getInteger("benchmark.data-seconds", 30));
    }

    void measure(Database server) throws Exception {
        Report report = context.report();
        report.print("### The reads at a database's age: " + students + " students, writers at "
                + Math.round(context.settings().fixedRate()) + " messages/s, one node, sequential HTTP requests for "
                + duration.toSeconds() + " s\n");
        report.print("| messages | load | summary filled in | request | count | p50 / p99 / max ms | writers' rate |");
        report.print("| ---: | ---: | ---: | --- | ---: | --- | ---: |");
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
        int[] threads = IntStream.rangeClosed(1, students).toArray();
        warmUp(base, tokens);
        AtomicReference<Writer.Written> written = new AtomicReference<>();
        AtomicReference<Exception> writeFailure = new AtomicReference<>();
        try (Writer writer = new Writer(database.jdbcUrl(), database.properties(), context.settings().writers())) {
            Thread writing = new Thread(() -> {
                try {
                    written.set(writer.run(context.settings().fixedRate(), duration, threads, true));
                } catch (Exception e) {
                    writeFailure.set(e);
                }
            }, "data-size-writer");
            writing.start();
            HttpClient http = HttpClient.newHttpClient();
            String staff = tokens.staff(1);
            Latencies list = new Latencies();
            Latencies unread = new Latencies();
            Latencies history = new Latencies();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (writing.isAlive()) {
                int student = 1 + random.nextInt(students);
                list.add(time(http, base + "/api/conversations?limit=50", staff));
                unread.add(time(http, base + "/api/me/unread", tokens.student(student)));
                history.add(time(http, base + "/api/threads/" + student + "/messages?limit=50", staff));
            }
            writing.join();
            if (writeFailure.get() != null) {
                throw writeFailure.get();
            }
            String rate = Math.round(written.get().achievedPerSecond()) + "/s";
            String first = "| " + size + " | " + Math.round(loadSeconds) + " s | " + Math.round(fillSeconds) + " s ";
            row(first, "staff conversation list, page of 50", list, rate);
            row("| | | ", "a student's unread count", unread, rate);
            row("| | | ", "a thread's history, page of 50", history, rate);
        }
    }

    /** Ten seconds of the same requests, not counted: the node's code is compiled and its pools are full. */
    private void warmUp(String base, Tokens tokens) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < until) {
            int student = 1 + random.nextInt(students);
            time(http, base + "/api/conversations?limit=50", tokens.staff(1));
            time(http, base + "/api/me/unread", tokens.student(student));
            time(http, base + "/api/threads/" + student + "/messages?limit=50", tokens.staff(1));
        }
    }

    private void row(String start, String request, Latencies latencies, String rate) {
        context.report().print(start + "| " + request + " | " + latencies.count() + " | "
                + String.format("%.1f / %.1f / %.1f", latencies.percentileMillis(50), latencies.percentileMillis(99),
                latencies.maxMillis()) + " | " + rate + " |");
    }

    private static long time(HttpClient http, String url, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return took;
    }

    private ChatsyncNode node(Database database, String name) throws Exception {
        ChatsyncNode node = ChatsyncNode.start(jar, name, "1g", context.settings().nodeJvmOptions(), database,
                Benchmark.SECRET, 9091, context.work().resolve(name + ".log"),
                "--server.address=" + Benchmark.NODE_A, "--server.port=3000", "--chatsync.gateway.student-port=3002");
        node.awaitReady(Duration.ofMinutes(5));
        return node;
    }
}
