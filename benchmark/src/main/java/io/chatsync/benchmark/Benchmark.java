package io.chatsync.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The chatsync benchmark (docs/benchmarks.md): the database's insert+notify ceiling, then two chatsync nodes on one
 * database with official Socket.IO clients, messages written straight into {@code chats}; then 200 staff sockets on
 * one node; then idle sockets on one node. Prints a Markdown report and writes it to target/benchmark/report.md.
 *
 * <p>Argument: the chatsync jar. Settings: system properties {@code benchmark.*} (see {@link Settings}). With
 * {@code -Dbenchmark.scenario=data-size} it measures only the reads at a database's age ({@link DataSize}); with
 * {@code -Dbenchmark.scenario=resume}, only resumable sessions ({@link ResumeRun}); with
 * {@code -Dbenchmark.scenario=legacy}, only the legacy design ({@link LegacyRun}); with
 * {@code -Dbenchmark.scenario=fan-out}, only the fan-out to {@code benchmark.fanout-staff} staff sockets ({@link FanOut});
 * with {@code -Dbenchmark.scenario=idle}, only the idle sockets ({@link IdleSockets}).
 */
public final class Benchmark {

    static final String SECRET = "benchmark-secret-of-the-lms-at-least-32-bytes-long";
    static final String NODE_A = "127.0.0.1";
    static final String NODE_B = "127.0.0.2";

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
            throw new IllegalArgumentException("usage: Benchmark <chatsync.jar>; build it with ./mvnw -pl bootstrap "
                    + "-am -DskipTests package");
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        Settings settings = Settings.fromSystemProperties();
        Path work = Path.of("target", "benchmark").toAbsolutePath();
        Path script = Path.of("src", "main", "node", "load-client.js").toAbsolutePath();
        Files.createDirectories(work);
        Context context = new Context(settings, work, script, new Tokens(SECRET), new Report());
        run(jar, context);
        context.report().writeTo(work.resolve("report.md"));
        System.out.println("Report written to " + work.resolve("report.md"));
    }

    private static void run(Path jar, Context given) throws Exception {
        try (Database server = Database.server("127.0.0.1", 5432, "postgres", given.settings().embedded())) {
            given.report().heading(server, given.settings().legacyNotifications(),
                    given.settings().servers());
            if ("data-size".equals(System.getProperty("benchmark.scenario"))) {
                new DataSize(given, jar).measure(server);
                return;
            }
            if ("legacy".equals(System.getProperty("benchmark.scenario"))) {
                new LegacyRun(given).measure(server);
                return;
            }
            InsertNotifyCeiling ceiling = new InsertNotifyCeiling(given);
            // The best insert+notify rate of this run's ceiling; NaN when pgbench is missing.
            double ceilingTop = ceiling.onLegacySchema(server).stream().mapToDouble(Ceiling.Run::insertsPerSecond)
                    .max().orElse(Double.NaN);
            // From here on the rates are shares of this run's ceiling, so that machines of one kind compare.
            Context context = given.atCeiling(ceilingTop);
            Settings settings = context.settings();
            context.report().print(String.format("Rates: fixed %.0f messages/s; steps %s messages/s.",
                    settings.fixedRate(), settings.steps().stream().map(rate -> String.format("%.0f", rate)).toList()));
            context.report().print("");
            Database database = server.recreate("chatsync_benchmark");
            // Before anything connects: the setting is read as each session starts.
            database.execute("ALTER DATABASE " + database.name() + " SET chatsync.legacy_notifications = "
                    + (settings.legacyNotifications() ? "on" : "off"));
            boolean resume = "resume".equals(System.getProperty("benchmark.scenario"));
            // The resume scenario's clients are all official JS clients: both ports resume. Its staff watch every
            // thread at over a thousand messages a second, so a second away is more than the default bound of
            // events one resumption replays.
            String ports = "--chatsync.gateway.resume=" + (resume ? "staff,students" : "staff");
            String bound = "--chatsync.resume.max-events=" + (resume ? 20_000 : 1_000);
            List<PhaseResult> rows;
            try (ChatsyncNode a = node(jar, context, "bench-a", NODE_A, 9091, database, ports, bound);
                 ChatsyncNode b = node(jar, context, "bench-b", NODE_B, 9092, database, ports, bound)) {
                database.execute("INSERT INTO users (full_name, avatar_url) SELECT 'Student ' || n, "
                        + "'https://lms.example/avatars/' || n || '.png' FROM generate_series(1, 20000) AS n");
                if (resume) {
                    resume(context, database, List.of(a, b), ceilingTop);
                    return;
                }
                if ("idle".equals(System.getProperty("benchmark.scenario"))) {
                    // Only the idle-sockets phase, on nodes that have carried no load before it.
                    new IdleSockets(context).measure(a, "node A, serving staff and students");
                    a.close();
                    idleOnStudentsOnlyNode(jar, context, database);
                    return;
                }
                if ("fan-out".equals(System.getProperty("benchmark.scenario"))) {
                    // Only the fan-out phase, for a number of staff sockets of its own (benchmark.fanout-staff).
                    try (Writer writer = new Writer(database.jdbcUrl(), database.properties(), settings.writers())) {
                        new FanOut(context, new PhaseRunner(database, writer, List.of(a, b), context.work())).measure();
                    }
                    return;
                }
                ceiling.onChatsyncSchema(database);
                try (Writer writer = new Writer(database.jdbcUrl(), database.properties(), settings.writers())) {
                    PhaseRunner phases = new PhaseRunner(database, writer, List.of(a, b), context.work());
                    ReferenceRun reference = new ReferenceRun(context, phases);
                    rows = reference.measure(new UnderAttack(context, phases, database, a, ceilingTop));
                    reference.summary(rows, ceilingTop);
                    new FanOut(context, phases).measure();
                }
                new IdleSockets(context).measure(a, "node A, serving staff and students");
                a.close();
                idleOnStudentsOnlyNode(jar, context, database);
            } finally {
                server.drop("chatsync_benchmark");
            }
            if (settings.legacy()) {
                // With chatsync's nodes stopped, so that neither design shares the machine with the other.
                LegacyRun legacy = new LegacyRun(context);
                legacy.compare(rows, legacy.measure(server), settings.maxP99Millis());
            }
        }
    }

    /** The resume scenario: churn at 40 % of this run's ceiling (or the fixed rate without one), recovery time. */
    private static void resume(Context context, Database database, List<ChatsyncNode> nodes, double ceilingTop)
            throws Exception {
        Settings settings = context.settings();
        double rate = Double.isNaN(ceilingTop) ? settings.fixedRate() : Math.round(0.4 * ceilingTop);
        context.report().print("Resume scenario: both ports resume, at most 20,000 events replayed per resumption; "
                + "churn at " + Math.round(rate) + " messages/s ("
                + (Double.isNaN(ceilingTop) ? "the fixed rate: no ceiling was measured"
                        : "40 % of this run's best insert+notify ceiling, " + Math.round(ceilingTop) + "/s") + ").");
        context.report().print("");
        try (Writer writer = new Writer(database.jdbcUrl(), database.properties(), settings.writers())) {
            ResumeRun run = new ResumeRun(context, new PhaseRunner(database, writer, nodes, context.work()), database);
            run.churn(rate);
            run.recoveryTime(3);
        }
    }

    private static ChatsyncNode node(Path jar, Context context, String name, String address, int managementPort,
            Database database, String... extra) throws IOException, InterruptedException {
        List<String> args = new java.util.ArrayList<>(List.of("--server.address=" + address, "--server.port=3000",
                "--chatsync.gateway.student-port=3002"));
        args.addAll(List.of(extra));
        return started(jar, context, name, managementPort, database, args);
    }

    private static ChatsyncNode started(Path jar, Context context, String name, int managementPort,
            Database database, List<String> args) throws IOException, InterruptedException {
        Settings settings = context.settings();
        ChatsyncNode node = ChatsyncNode.start(jar, name, "1g", settings.nodeJvmOptions(), settings.servers(),
                database, SECRET, managementPort, context.work().resolve(name + ".log"), args.toArray(String[]::new));
        node.awaitReady(Duration.ofMinutes(3));
        return node;
    }

    /**
     * The idle sockets again on a node that serves only students, as a deployment that gives the phones' port
     * nodes of its own runs them: such a node keeps smaller WebSocket buffers (ChatsyncApplication). It takes node
     * A's address and students' port, so node A must be stopped first.
     */
    private static void idleOnStudentsOnlyNode(Path jar, Context context, Database database) throws Exception {
        try (ChatsyncNode students = started(jar, context, "bench-students", 9093, database,
                List.of("--server.address=" + NODE_A, "--server.port=3002", "--chatsync.gateway.serve=students"))) {
            new IdleSockets(context).measure(students, "a node serving only students");
        }
    }
}
