package io.chatsync.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The chatsync benchmark (docs/benchmarks.md): the database's insert+notify ceiling, then two chatsync nodes on one
 * database with official Socket.IO clients, messages written straight into {@code chats}; then 200 staff sockets on
 * one node; then idle sockets on one node. Prints a Markdown report and writes it to target/benchmark/report.md.
 *
 * <p>Argument: the chatsync jar. Settings: system properties {@code benchmark.*} (see {@link Settings}).
 */
public final class Benchmark {

    static final String SECRET = "benchmark-secret-of-the-lms-at-least-32-bytes-long";
    static final String NODE_A = "127.0.0.1";
    static final String NODE_B = "127.0.0.2";

    /** What the run does; every field can be set as a system property {@code benchmark.<name>}. */
    record Settings(int students, int staff, int clientProcesses, double fixedRate, Duration fixed,
            List<Double> steps, Duration step, double maxP99Millis, int writers, Duration ceiling,
            int fanoutStaff, int fanoutMessages, List<Integer> idleSockets, int socketsPerProcess,
            boolean embedded, List<String> nodeJvmOptions, boolean legacyNotifications, int attackers,
            Duration attackSlice, List<Attackers.Attack> attacks) {

        static Settings fromSystemProperties() {
            return new Settings(
                    Integer.getInteger("benchmark.students", 200),
                    Integer.getInteger("benchmark.staff", 10),
                    Integer.getInteger("benchmark.client-processes", 4),
                    Double.parseDouble(System.getProperty("benchmark.fixed-rate", "1000")),
                    Duration.ofSeconds(Integer.getInteger("benchmark.fixed-seconds", 30)),
                    Arrays.stream(System.getProperty("benchmark.steps",
                                    "1500,2000,2500,2750,3000,3250,3500,3750,4000,4500,5000,5500,6000")
                            .split(",")).map(Double::valueOf).toList(),
                    Duration.ofSeconds(Integer.getInteger("benchmark.step-seconds", 15)),
                    Double.parseDouble(System.getProperty("benchmark.max-p99-ms", "100")),
                    Integer.getInteger("benchmark.writers", 16),
                    Duration.ofSeconds(Integer.getInteger("benchmark.ceiling-seconds", 15)),
                    Integer.getInteger("benchmark.fanout-staff", 200),
                    Integer.getInteger("benchmark.fanout-messages", 200),
                    Arrays.stream(System.getProperty("benchmark.idle-sockets", "5000,20000").split(","))
                            .map(Integer::valueOf).toList(),
                    Integer.getInteger("benchmark.sockets-per-process", 5000),
                    Boolean.getBoolean("benchmark.embedded"),
                    Arrays.stream(System.getProperty("benchmark.node-jvm-options", "").split(" "))
                            .filter(option -> !option.isBlank()).toList(),
                    Boolean.getBoolean("benchmark.legacy-notifications"),
                    Integer.getInteger("benchmark.attackers", 50),
                    Duration.ofSeconds(Integer.getInteger("benchmark.attack-slice-seconds", 12)),
                    System.getProperty("benchmark.attacks") == null ? List.of(Attackers.Attack.values())
                            : Arrays.stream(System.getProperty("benchmark.attacks").split(","))
                                    .map(String::trim).map(Attackers.Attack::valueOf).toList());
        }
    }

    /** One measured phase of the reference run. */
    record Row(String label, Writer.Written written, Deliveries deliveries, double[] nodeCores,
            double[] nodeWriteCalls, long[] nodeHeapMax, double postgresCores, Map<String, Double> postgresByRole,
            double clientCores, double writerCores, double idleCores, long clientRss) {

        double worstP99() {
            return Math.max(orZero(deliveries.owners().percentileMillis(99)),
                    orZero(deliveries.staff().percentileMillis(99)));
        }

        private static double orZero(double value) {
            return Double.isNaN(value) ? 0 : value;
        }

        /** Deliveries per second, over the time the writers took for what they committed. */
        double deliveriesPerSecond() {
            return deliveries.delivered() / (written.commits().size() / written.achievedPerSecond());
        }

        boolean sustained(double maxP99Millis) {
            return deliveries.lost() == 0 && deliveries.duplicated() == 0 && worstP99() <= maxP99Millis
                    && written.achievedPerSecond() >= 0.95 * written.offeredPerSecond();
        }
    }

    private final Path jar;
    private final Settings settings;
    private final Path work;
    private final Path script;
    private final Tokens tokens = new Tokens(SECRET);
    private final StringBuilder report = new StringBuilder();
    private final Map<LoadClient, Long> clientCpu = new HashMap<>();
    private final Map<LoadClient, Long> clientRss = new HashMap<>();
    private int reports;
    private Database chatsyncDatabase;
    /** The best insert+notify rate of this run's ceiling; NaN when pgbench is missing. */
    private double ceilingTop = Double.NaN;

    private Benchmark(Path jar, Settings settings) throws IOException {
        this.jar = jar;
        this.settings = settings;
        this.work = Path.of("target", "benchmark").toAbsolutePath();
        this.script = Path.of("src", "main", "node", "load-client.js").toAbsolutePath();
        Files.createDirectories(work);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
            throw new IllegalArgumentException("usage: Benchmark <chatsync.jar>; build it with ./mvnw -pl bootstrap "
                    + "-am -DskipTests package");
        }
        new Benchmark(Path.of(args[0]).toAbsolutePath(), Settings.fromSystemProperties()).run();
    }

    private void run() throws Exception {
        try (Database server = Database.server("127.0.0.1", 5432, "postgres", settings.embedded())) {
            machine(server);
            List<Ceiling.Run> ceiling = ceiling(server);
            ceilingTop = ceiling.stream().mapToDouble(Ceiling.Run::insertsPerSecond).max().orElse(Double.NaN);
            chatsyncDatabase = server.recreate("chatsync_benchmark");
            Database database = chatsyncDatabase;
            // Before anything connects: the setting is read as each session starts.
            database.execute("ALTER DATABASE " + database.name() + " SET chatsync.legacy_notifications = "
                    + (settings.legacyNotifications() ? "on" : "off"));
            try (ChatsyncNode a = node("bench-a", NODE_A, 9091, database);
                 ChatsyncNode b = node("bench-b", NODE_B, 9092, database)) {
                database.execute("INSERT INTO users (full_name, avatar_url) SELECT 'Student ' || n, "
                        + "'https://lms.example/avatars/' || n || '.png' FROM generate_series(1, 20000) AS n");
                productCeiling(database);
                try (Writer writer = new Writer(database.jdbcUrl(), database.properties(), settings.writers())) {
                    List<Row> rows = reference(writer, a, b);
                    summary(rows, ceiling);
                    fanout(writer, a, b);
                }
                idle(a);
            } finally {
                server.drop("chatsync_benchmark");
            }
        }
        Files.writeString(work.resolve("report.md"), report);
        System.out.println("Report written to " + work.resolve("report.md"));
    }

    private void machine(Database server) throws IOException, SQLException, InterruptedException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("unknown CPU");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        print("## chatsync benchmark, " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        print("");
        print("- Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory
                + ", Linux " + Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim());
        print("- PostgreSQL " + server.version() + (server.isEmbedded() ? " (embedded)" : " (the machine's server)")
                + ", fsync and synchronous_commit as configured: " + setting(server, "fsync") + ", "
                + setting(server, "synchronous_commit"));
        print("- Nodes: Java " + System.getProperty("java.runtime.version") + ", -Xms1g -Xmx1g each; load clients: "
                + "Node.js " + command("node", "--version") + " with socket.io-client 4.8.1");
        print("- chatsync's database: legacy notifications " + (settings.legacyNotifications()
                ? "on (every change notifies, as for legacy backends listening beside chatsync)"
                : "off (no legacy backend listens: a change notifies only while a node waits for notifications)"));
        print("");
    }

    private static String setting(Database server, String name) throws SQLException {
        try (var connection = server.connect(); var statement = connection.createStatement();
             var row = statement.executeQuery("SHOW " + name)) {
            row.next();
            return name + "=" + row.getString(1);
        }
    }

    private static String command(String... line) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        process.waitFor();
        return output;
    }

    private List<Ceiling.Run> ceiling(Database server) throws Exception {
        print("### Ceiling: pgbench inserting into chats through a notify trigger, one listener reading");
        print("");
        if (!Ceiling.available()) {
            print("pgbench is not on this machine's PATH: the ceiling was not measured.");
            print("");
            return List.of();
        }
        Database database = server.recreate("chatsync_benchmark_ceiling");
        List<Ceiling.Run> runs = new ArrayList<>();
        try {
            database.execute(Ceiling.LEGACY_SCHEMA);
            print("| pgbench clients | inserts/s | notifications read | " + CPU_COLUMNS);
            print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            for (int clients : List.of(4, 16)) {
                Ceiling.Run run = Ceiling.measure(database, clients, settings.ceiling(), work, true);
                runs.add(run);
                print(String.format("| %d | %.0f | %d | %s", clients, run.insertsPerSecond(), run.notificationsRead(),
                        cpu(run)));
            }
        } finally {
            server.drop("chatsync_benchmark_ceiling");
        }
        print("");
        return runs;
    }

    /** The same pgbench on chatsync's schema (its change-log trigger) while both nodes read their feeds. */
    private void productCeiling(Database database) throws Exception {
        if (!Ceiling.available()) {
            return;
        }
        print("### The same pgbench into chatsync's schema, both nodes reading their change feeds (no sockets)");
        print("");
        print("| pgbench clients | inserts/s | " + CPU_COLUMNS);
        print("| ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int clients : List.of(4, 16)) {
            Ceiling.Run run = Ceiling.measure(database, clients, settings.ceiling(), work, false);
            print(String.format("| %d | %.0f | %s", clients, run.insertsPerSecond(), cpu(run)));
        }
        print("");
    }

    private static final String CPU_COLUMNS = "PostgreSQL cores | PostgreSQL ms CPU per insert | pgbench cores "
            + "| idle cores |";

    private static String cpu(Ceiling.Run run) {
        return String.format("%.2f | %.3f | %.2f | %.2f |", run.postgresCores(), run.postgresMillisPerInsert(),
                run.pgbenchCores(), run.idleCores());
    }

    private ChatsyncNode node(String name, String address, int managementPort, Database database)
            throws IOException, InterruptedException {
        ChatsyncNode node = ChatsyncNode.start(jar, name, "1g", settings.nodeJvmOptions(), database, SECRET,
                managementPort,
                work.resolve(name + ".log"), "--server.address=" + address, "--server.port=3000",
                "--chatsync.gateway.student-port=3002");
        node.awaitReady(Duration.ofMinutes(3));
        return node;
    }

    /** 200 students over both nodes, 10 staff on node A watching every thread; a fixed rate, then rising rates. */
    private List<Row> reference(Writer writer, ChatsyncNode a, ChatsyncNode b) throws Exception {
        int[] students = IntStream.rangeClosed(1, settings.students()).toArray();
        List<Deliveries.ClientSocket> sockets = new ArrayList<>();
        List<List<LoadClient.Spec>> perProcess = new ArrayList<>();
        for (int p = 0; p < settings.clientProcesses(); p++) {
            perProcess.add(new ArrayList<>());
        }
        for (int student : students) {
            String url = "http://" + (student % 2 == 1 ? NODE_A : NODE_B) + ":3002";
            perProcess.get((student - 1) % settings.clientProcesses())
                    .add(new LoadClient.Spec(student, url, tokens.student(student), List.of()));
            sockets.add(new Deliveries.ClientSocket(student, student, Set.of()));
        }
        List<Integer> everyThread = Arrays.stream(students).boxed().toList();
        for (int s = 0; s < settings.staff(); s++) {
            int index = 100_000 + s;
            perProcess.get(s % settings.clientProcesses())
                    .add(new LoadClient.Spec(index, "http://" + NODE_A + ":3000", tokens.staff(s), everyThread));
            sockets.add(new Deliveries.ClientSocket(index, 0, Set.copyOf(everyThread)));
        }
        List<LoadClient> clients = new ArrayList<>();
        try {
            for (int p = 0; p < perProcess.size(); p++) {
                LoadClient client = new LoadClient("load-client-" + p, script, work.resolve("load-client-" + p
                        + ".log"));
                clients.add(client);
                client.connect(perProcess.get(p), 50);
            }
            print("### Reference run: " + settings.students() + " students over both nodes (port 3002), "
                    + settings.staff() + " staff on node A (port 3000) watching every thread; students and staff "
                    + "write 50/50 straight into chats from " + settings.writers() + " connections; "
                    + clients.size() + " load-client processes");
            print("");
            // Until the JIT compilers of both nodes have compiled the delivery path: the first phase after a
            // shorter warm-up showed twice the p99 of the same rate a minute later.
            phase("warm-up", writer, settings.fixedRate(), Duration.ofSeconds(20), true, clients, sockets, students,
                    a, b, false);
            List<Row> rows = new ArrayList<>();
            print("| phase | offered/s | committed/s | deliveries/s | owner p50/p95/p99/max ms "
                    + "| staff p50/p95/p99/max ms | lost | dup | foreign | insert p50/p99 ms "
                    + "| CPU A / B / PG / clients / writer / idle (cores) | heap max A / B MB |");
            print("| --- | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | --- | --- | --- |");
            rows.add(row(phase("fixed", writer, settings.fixedRate(), settings.fixed(), true, clients, sockets,
                    students, a, b, false)));
            for (double rate : settings.steps()) {
                Row row = row(phase("step", writer, rate, settings.step(), true, clients, sockets, students, a, b,
                        false));
                rows.add(row);
                if (!row.sustained(settings.maxP99Millis())) {
                    break;
                }
            }
            // The profiler takes CPU and memory of its own, so the figures above come from phases without it.
            row(phase("profiled", writer, settings.fixedRate(), settings.step(), true, clients, sockets, students, a,
                    b, true));
            print("");
            print("(The last phase ran under the flight recorder, for the profiles below; its figures are not the "
                    + "benchmark's.)");
            print("");
            print("PostgreSQL's CPU by the connections its backends serve (cores; backends connected throughout):");
            print("");
            print("| phase | offered/s | " + String.join(" | ", PostgresRoles.ROLES) + " |");
            print("| --- | ---: |" + " ---: |".repeat(PostgresRoles.ROLES.size()));
            for (Row row : rows) {
                StringBuilder line = new StringBuilder(String.format("| %s | %.0f |", row.label(),
                        row.written().offeredPerSecond()));
                for (double cores : row.postgresByRole().values()) {
                    line.append(String.format(" %.2f |", cores));
                }
                print(line.toString());
            }
            print("");
            print("The nodes' write system calls (per second, `syscw` of /proc/PID/io: their socket writes to clients "
                    + "and to the database):");
            print("");
            print("| phase | offered/s | deliveries/s | node A | node B |");
            print("| --- | ---: | ---: | ---: | ---: |");
            for (Row row : rows) {
                print(String.format("| %s | %.0f | %.0f | %.0f | %.0f |", row.label(),
                        row.written().offeredPerSecond(), row.deliveriesPerSecond(), row.nodeWriteCalls()[0],
                        row.nodeWriteCalls()[1]));
            }
            print("");
            underAttack(writer, clients, sockets, students, a, b);
            return rows;
        } finally {
            for (LoadClient client : clients) {
                client.close();
            }
        }
    }

    /**
     * The reference shape at 40 % of the ceiling, once quiet and once while {@code attackers} hostile connections
     * run each attack in turn against node A; node A's readiness is probed all along, and its live heap (after a
     * full GC) and resident memory taken at the end of every attack's slice, in both phases alike.
     */
    private void underAttack(Writer writer, List<LoadClient> clients, List<Deliveries.ClientSocket> sockets,
            int[] students, ChatsyncNode a, ChatsyncNode b) throws Exception {
        double rate = Double.isNaN(ceilingTop) ? settings.fixedRate() : 0.4 * ceilingTop;
        List<Attackers.Attack> attacks = settings.attacks();
        Duration slice = settings.attackSlice();
        Duration duration = slice.multipliedBy(attacks.size());
        print("### Under attack: the reference shape at " + Math.round(rate) + " messages/s (40 % of the ceiling), "
                + "without and with " + settings.attackers() + " hostile connections on node A");
        print("");
        print("Each attack runs for " + slice.toSeconds() + " s, in turn: "
                + attacks.stream().map(attack -> attack.description).reduce((x, y) -> x + "; " + y).orElse("")
                + ". Node A's live heap (after a full GC) and resident memory are taken at the end of each slice, "
                + "in the quiet phase too; readiness is probed every 250 ms.");
        print("");
        print("| phase | committed/s | owner p50/p95/p99/max ms | staff p50/p95/p99/max ms | lost | dup "
                + "| live heap A max MB | forced full GC max ms | resident A max MB | readiness not UP | refusals counted "
                + "| CPU A / B / PG / benchmark process (writers and attackers) / idle (cores) |");
        print("| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        long floodBefore = chatsyncDatabase.count("SELECT count(*) FROM chats WHERE user_id = "
                + Attackers.FLOODED_THREAD);
        List<Attackers.Outcome> outcomes = new ArrayList<>();
        Map<Boolean, List<Latencies>> bySlice = new HashMap<>();
        for (boolean attacked : List.of(false, true)) {
            long[] sliceStarts = new long[attacks.size() + 1];
            double refusedBefore = a.counter("chatsync.socketio.refused") + a.counter("chatsync.limits.refused");
            NodeWatch watch = new NodeWatch(a);
            try (Attackers attackers = new Attackers(NODE_A, 3002, 3000, tokens, settings.attackers())) {
                Thread pace = new Thread(() -> {
                    try {
                        for (int i = 0; i < attacks.size(); i++) {
                            Attackers.Attack attack = attacks.get(i);
                            sliceStarts[i] = System.nanoTime();
                            if (attacked) {
                                outcomes.add(attackers.run(attack, slice));
                            } else {
                                TimeUnit.NANOSECONDS.sleep(slice.toNanos());
                            }
                            sliceStarts[i + 1] = System.nanoTime();
                            watch.peak();
                        }
                    } catch (Exception e) {
                        watch.failed(e);
                    }
                }, "attack-pace");
                pace.start();
                Row row = phase(attacked ? "under attack" : "quiet", writer, rate, duration, true, clients, sockets,
                        students, a, b, false);
                pace.join();
                watch.stop();
                double refused = a.counter("chatsync.socketio.refused") + a.counter("chatsync.limits.refused")
                        - refusedBefore;
                Deliveries d = row.deliveries();
                List<Latencies> slices = new ArrayList<>();
                for (int i = 0; i < attacks.size(); i++) {
                    slices.add(d.committedWithin(sliceStarts[i], sliceStarts[i + 1]));
                }
                bySlice.put(attacked, slices);
                print(String.format("| %s | %.0f | %s | %s | %d | %d | %d | %d | %d | %d of %d | %.0f "
                                + "| %.2f / %.2f / %.2f / %.2f / %.2f |", row.label(),
                        row.written().achievedPerSecond(), d.owners().summary(), d.staff().summary(), d.lost(),
                        d.duplicated(), watch.liveHeapMax() >> 20, watch.fullGcMaxMillis(), watch.residentMax() >> 20,
                        watch.notReady(),
                        watch.probes(), refused, row.nodeCores()[0], row.nodeCores()[1], row.postgresCores(),
                        row.writerCores(), row.idleCores()));
            }
        }
        print("");
        print("Each attack's slice: the legitimate deliveries of messages committed during it (owners and staff), "
                + "beside the same slice of the quiet phase. A slice's figures include the full GC forced for the "
                + "heap figure at the end of the slice before it.");
        print("");
        print("| attack | connections opened | cut by the node | message:send written by the attackers "
                + "| quiet p50/p95/p99/max ms | under attack p50/p95/p99/max ms |");
        print("| --- | ---: | ---: | ---: | --- | --- |");
        for (int i = 0; i < outcomes.size(); i++) {
            Attackers.Outcome outcome = outcomes.get(i);
            print(String.format("| %s | %d | %d | %d | %s | %s |", outcome.attack().description,
                    outcome.connections(), outcome.cut(), outcome.floodSent(), bySlice.get(false).get(i).summary(),
                    bySlice.get(true).get(i).summary()));
        }
        print("");
        print("- Messages the flood got stored (each attacker's allowance): " + (chatsyncDatabase.count(
                "SELECT count(*) FROM chats WHERE user_id = " + Attackers.FLOODED_THREAD) - floodBefore));
        print("");
    }

    private Row row(Row row) {
        Deliveries d = row.deliveries();
        Latencies insert = row.written().insertLatency();
        print(String.format("| %s | %.0f | %.0f | %.0f | %s | %s | %d | %d | %d | %.1f / %.1f "
                        + "| %.2f / %.2f / %.2f / %.2f / %.2f / %.2f | %d / %d |", row.label(), row.written().offeredPerSecond(),
                row.written().achievedPerSecond(), row.deliveriesPerSecond(), d.owners().summary(),
                d.staff().summary(), d.lost(), d.duplicated(), d.foreign(), insert.percentileMillis(50),
                insert.percentileMillis(99), row.nodeCores()[0], row.nodeCores()[1],
                row.postgresCores(), row.clientCores(), row.writerCores(), row.idleCores(),
                row.nodeHeapMax()[0] >> 20, row.nodeHeapMax()[1] >> 20));
        return row;
    }

    private Row phase(String label, Writer writer, double rate, Duration duration, boolean staffToo,
            List<LoadClient> clients, List<Deliveries.ClientSocket> sockets, int[] students, ChatsyncNode a,
            ChatsyncNode b, boolean profile) throws Exception {
        for (LoadClient client : clients) {
            client.reset();
        }
        List<ChatsyncNode> nodes = b == null ? List.of(a) : List.of(a, b);
        if (profile) {
            for (ChatsyncNode node : nodes) {
                node.startProfile(work.resolve(node.name() + "-" + label + ".jfr"));
            }
        }
        // Every phase, and every pgbench run, starts right after a checkpoint, so that one does not fall due in
        // some phases and not in others.
        chatsyncDatabase.execute("CHECKPOINT");
        long[] cpu = new long[nodes.size()];
        long[] writeCalls = new long[nodes.size()];
        for (int n = 0; n < nodes.size(); n++) {
            cpu[n] = nodes.get(n).cpuNanos();
            writeCalls[n] = nodes.get(n).writeCalls();
        }
        long postgres = ProcessCpu.ofCommand("postgres");
        PostgresRoles roles = new PostgresRoles(chatsyncDatabase);
        Map<Long, PostgresRoles.Sample> backends = roles.sample();
        long self = ProcessCpu.of(ProcessHandle.current().pid());
        long idle = ProcessCpu.idleOfMachine();
        HeapSampler heap = new HeapSampler(nodes);
        long start = System.nanoTime();
        Writer.Written written = writer.run(rate, duration, students, staffToo);
        Deliveries deliveries = new Deliveries(sockets, written.commits());
        long expected = deliveries.expected();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (arrivals(clients) < expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        long wall = System.nanoTime() - start;
        long[] heapMax = heap.stop();
        double[] cores = new double[2];
        double[] writesPerSecond = new double[2];
        for (int n = 0; n < nodes.size(); n++) {
            cores[n] = (nodes.get(n).cpuNanos() - cpu[n]) / (double) wall;
            writesPerSecond[n] = (nodes.get(n).writeCalls() - writeCalls[n]) * 1e9 / wall;
        }
        double postgresCores = (ProcessCpu.ofCommand("postgres") - postgres) / (double) wall;
        Map<String, Double> postgresByRole = PostgresRoles.cores(backends, roles.sample(), wall);
        // This process: the writer's threads, the heap sampler and the wait for arrivals.
        double writerCores = (ProcessCpu.of(ProcessHandle.current().pid()) - self) / (double) wall;
        double idleCores = (ProcessCpu.idleOfMachine() - idle) / (double) wall;
        if (profile) {
            for (ChatsyncNode node : nodes) {
                node.stopProfile();
            }
        }
        long clientCpuMicros = 0;
        long rss = 0;
        for (LoadClient client : clients) {
            LoadClient.Report reported = client.report(work.resolve("arrivals-" + (reports++) + ".csv"));
            LoadClient.readArrivals(reported.file(), deliveries);
            Files.delete(reported.file());
            clientCpuMicros += reported.cpuMicros() - clientCpu.getOrDefault(client, 0L);
            clientCpu.put(client, reported.cpuMicros());
            rss += reported.rssBytes();
        }
        return new Row(label, written, deliveries, cores, writesPerSecond,
                new long[] {heapMax[0], nodes.size() > 1 ? heapMax[1] : 0}, postgresCores, postgresByRole,
                clientCpuMicros * 1000.0 / wall, writerCores, idleCores, rss);
    }

    private static long arrivals(List<LoadClient> clients) throws IOException {
        long total = 0;
        for (LoadClient client : clients) {
            total += client.arrivals();
        }
        return total;
    }

    private void summary(List<Row> rows, List<Ceiling.Run> ceiling) throws IOException {
        Row fixed = rows.get(0);
        Row best = null;
        for (Row row : rows) {
            if (row.sustained(settings.maxP99Millis())) {
                best = best == null || row.written().achievedPerSecond() > best.written().achievedPerSecond()
                        ? row : best;
            }
        }
        double top = ceiling.stream().mapToDouble(Ceiling.Run::insertsPerSecond).max().orElse(Double.NaN);
        print(String.format("- At %.0f messages/s: p99 %.1f ms (owners) and %.1f ms (staff); %d lost, %d duplicated,"
                        + " %d foreign, %d to staff not watching.", fixed.written().offeredPerSecond(),
                fixed.deliveries().owners().percentileMillis(99), fixed.deliveries().staff().percentileMillis(99),
                fixed.deliveries().lost(), fixed.deliveries().duplicated(), fixed.deliveries().foreign(),
                fixed.deliveries().unentitled()));
        if (best == null) {
            print("- No rate held p99 ≤ " + settings.maxP99Millis() + " ms with nothing lost.");
        } else if (Double.isNaN(top)) {
            print(String.format("- Highest rate with p99 ≤ %.0f ms, nothing lost or duplicated: %.0f messages/s "
                    + "(no ceiling to compare with: pgbench is not on this machine).", settings.maxP99Millis(),
                    best.written().achievedPerSecond()));
        } else {
            print(String.format("- Highest rate with p99 ≤ %.0f ms, nothing lost or duplicated: %.0f messages/s "
                            + "(%.0f %% of the best ceiling, %.0f inserts/s).", settings.maxP99Millis(),
                    best.written().achievedPerSecond(), 100 * best.written().achievedPerSecond() / top, top));
        }
        print(String.format("- Load clients: %.2f cores at most in a phase, %d MB resident in all.",
                rows.stream().mapToDouble(Row::clientCores).max().orElse(0), fixed.clientRss() >> 20));
        print("");
        for (String node : List.of("bench-a", "bench-b")) {
            Path recording = work.resolve(node + "-profiled.jfr");
            if (Files.exists(recording)) {
                print("Profile of " + node + " at " + (int) settings.fixedRate() + " messages/s:");
                print("");
                print("```");
                String summary = Profile.of(recording).summary(12);
                report.append(summary);
                System.out.print(summary);
                print("```");
                print("");
            }
        }
    }

    /** The reference shape's other end: {@code fanoutStaff} staff sockets on node A, one student message at a time. */
    private void fanout(Writer writer, ChatsyncNode a, ChatsyncNode b) throws Exception {
        List<Deliveries.ClientSocket> sockets = new ArrayList<>();
        List<LoadClient.Spec> specs = new ArrayList<>();
        for (int s = 0; s < settings.fanoutStaff(); s++) {
            specs.add(new LoadClient.Spec(s, "http://" + NODE_A + ":3000", tokens.staff(s), List.of()));
            sockets.add(new Deliveries.ClientSocket(s, 0, Set.of()));
        }
        try (LoadClient staff = new LoadClient("fanout-client", script, work.resolve("fanout-client.log"))) {
            staff.connect(specs, 50);
            double rate = 20;
            Row row = phase("fan-out", writer, rate, Duration.ofSeconds((long) (settings.fanoutMessages() / rate)),
                    false, List.of(staff), sockets, IntStream.rangeClosed(1, settings.students()).toArray(), a, b,
                    false);
            Latencies last = row.deliveries().lastStaff();
            print("### " + settings.fanoutStaff() + " staff sockets on node A, " + row.deliveries().messages()
                    + " student messages at 20/s");
            print("");
            print("- Commit to the last of the " + settings.fanoutStaff() + " staff sockets, p50/p95/p99/max ms: "
                    + last.summary() + " (" + last.count() + " messages reached all of them; "
                    + row.deliveries().lost() + " deliveries lost, " + row.deliveries().duplicated() + " duplicated)");
            print("- Each delivery, p50/p95/p99/max ms: " + row.deliveries().staff().summary());
            print("");
        }
    }

    /** Heap per idle socket: student sockets connected to node A and left alone, the heap measured after a GC. */
    private void idle(ChatsyncNode a) throws Exception {
        long baseline = a.liveHeapBytes();
        long baseFiles = a.openFiles();
        long limit = a.openFileLimit();
        // Each socket is a file; keep some for the database connections and whatever the node opens meanwhile.
        int most = (int) Math.max(0, limit - baseFiles - 200);
        print("### Idle sockets on node A (-Xmx1g), heap after a full GC");
        print("");
        if (settings.idleSockets().stream().anyMatch(target -> target > most)) {
            print("The node may open " + limit + " files (its hard limit; this machine's processes cannot raise it) "
                    + "and already has " + baseFiles + " open, so it can hold at most " + most + " sockets here.");
            print("");
        }
        print("| idle sockets | live heap MB | per socket KB (over the " + (baseline >> 20)
                + " MB without sockets) | files the node has open |");
        print("| ---: | ---: | ---: | ---: |");
        List<LoadClient> clients = new ArrayList<>();
        int connected = 0;
        try {
            for (int wanted : settings.idleSockets()) {
                int target = Math.min(wanted, most);
                while (connected < target) {
                    int batch = Math.min(settings.socketsPerProcess(), target - connected);
                    List<LoadClient.Spec> specs = new ArrayList<>();
                    for (int i = 0; i < batch; i++) {
                        int student = 1 + (connected + i) % 20000;
                        specs.add(new LoadClient.Spec(connected + i, "http://" + NODE_A + ":3002",
                                tokens.student(student), List.of()));
                    }
                    LoadClient client = new LoadClient("idle-client-" + clients.size(), script,
                            work.resolve("idle-client-" + clients.size() + ".log"));
                    clients.add(client);
                    client.connect(specs, 100);
                    connected += batch;
                }
                long live = a.liveHeapBytes();
                double perSocket = (live - baseline) / (double) connected;
                print(String.format("| %d | %d | %.1f | %d |", connected, live >> 20, perSocket / 1024,
                        a.openFiles()));
                if (target < wanted) {
                    print(String.format("| %d (projected: the %d MB without sockets + %d × %.1f KB) | %d | | |",
                            wanted, baseline >> 20, wanted, perSocket / 1024,
                            (long) (baseline + wanted * perSocket) >> 20));
                }
            }
        } finally {
            for (LoadClient client : clients) {
                client.close();
            }
        }
        print("");
    }

    private void print(String line) {
        System.out.println(line);
        report.append(line).append('\n');
    }

    /** The largest heap in use on each node while a phase runs, sampled every 250 ms. */
    private static final class HeapSampler {

        private final long[] max;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile Exception failure;

        HeapSampler(List<ChatsyncNode> nodes) {
            max = new long[nodes.size()];
            thread = new Thread(() -> {
                try {
                    while (running) {
                        for (int n = 0; n < nodes.size(); n++) {
                            max[n] = Math.max(max[n], nodes.get(n).heapUsedBytes());
                        }
                        TimeUnit.MILLISECONDS.sleep(250);
                    }
                } catch (IOException | InterruptedException e) {
                    failure = e;
                }
            }, "heap-sampler");
            thread.start();
        }

        long[] stop() throws InterruptedException {
            running = false;
            thread.join();
            if (failure != null) {
                throw new IllegalStateException("could not read a node's heap", failure);
            }
            return max.clone();
        }
    }
}
