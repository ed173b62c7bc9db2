package io.chatsync.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs measured phases against the nodes on chatsync's database: the writer commits, the load clients report what
 * arrived, and the CPU of the nodes, PostgreSQL, the load clients and this process is taken around it.
 */
final class PhaseRunner {

    private final Database database;
    private final Writer writer;
    private final List<? extends ServerProcess> nodes;
    private final Path work;
    private final boolean leaky;
    private final Map<LoadClient, Long> clientCpu = new HashMap<>();
    private int reports;

    /** {@code nodes}: one or two servers, chatsync nodes or the legacy design's backends. */
    PhaseRunner(Database database, Writer writer, List<? extends ServerProcess> nodes, Path work) {
        this(database, writer, nodes, work, false);
    }

    /**
     * @param leaky whether the servers send sockets more than they are entitled to (the legacy design's duplicates
     *     and every student's messages to every student): then the arrivals counted pass what is expected before
     *     every entitled one is in, and a phase ends when arrivals stop coming instead
     */
    PhaseRunner(Database database, Writer writer, List<? extends ServerProcess> nodes, Path work, boolean leaky) {
        this.database = database;
        this.writer = writer;
        this.nodes = nodes;
        this.work = work;
        this.leaky = leaky;
    }

    PhaseResult run(Phase phase, Phase.Load load) throws Exception {
        List<LoadClient> clients = load.clients();
        for (LoadClient client : clients) {
            client.reset();
        }
        if (phase.profile()) {
            for (ServerProcess node : nodes) {
                node.startProfile(work.resolve(node.name() + "-" + phase.label() + ".jfr"));
            }
        }
        // Every phase, and every pgbench run, starts right after a checkpoint, so that one does not fall due in
        // some phases and not in others.
        database.execute("CHECKPOINT");
        long[] cpu = new long[nodes.size()];
        long[] writeCalls = new long[nodes.size()];
        for (int n = 0; n < nodes.size(); n++) {
            cpu[n] = nodes.get(n).cpuNanos();
            writeCalls[n] = nodes.get(n).writeCalls();
        }
        long postgres = ProcessCpu.ofCommand("postgres");
        PostgresRoles roles = new PostgresRoles(database);
        Map<Long, PostgresRoles.Sample> backends = roles.sample();
        long self = ProcessCpu.of(ProcessHandle.current().pid());
        long idle = ProcessCpu.idleOfMachine();
        HeapSampler heap = new HeapSampler(nodes);
        long start = System.nanoTime();
        Writer.Written written = writer.run(phase.rate(), phase.duration(), load.students(), phase.staffWrites());
        Deliveries deliveries = new Deliveries(load.sockets(), written.commits());
        if (leaky) {
            awaitQuiet(clients, deliveries.expected(), Duration.ofSeconds(10));
        } else {
            awaitArrivals(clients, deliveries.expected(), Duration.ofSeconds(10));
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
        if (phase.profile()) {
            for (ServerProcess node : nodes) {
                node.stopProfile();
            }
        }
        long clientCpuMicros = 0;
        long rss = 0;
        PhaseResult.ClientStalls stalls = PhaseResult.ClientStalls.NONE;
        for (LoadClient client : clients) {
            LoadClient.Report reported = client.report(work.resolve("arrivals-" + (reports++) + ".csv"));
            LoadClient.readArrivals(reported.file(), deliveries);
            Files.delete(reported.file());
            clientCpuMicros += reported.cpuMicros() - clientCpu.getOrDefault(client, 0L);
            clientCpu.put(client, reported.cpuMicros());
            rss += reported.rssBytes();
            stalls = stalls.with(reported);
        }
        // The arrivals just read stay for the report, and the young collection that would copy them came early in
        // the next phase: the writers' threads, in this process, stood still for 100-180 ms, then caught up with
        // their schedule in a burst. Collected now, between phases, where nothing is timed.
        System.gc();
        return new PhaseResult(phase.label(), written, deliveries, cores, writesPerSecond,
                new long[] {heapMax[0], nodes.size() > 1 ? heapMax[1] : 0}, postgresCores, postgresByRole,
                clientCpuMicros * 1000.0 / wall, writerCores, idleCores, rss, stalls);
    }

    /** Until the load clients have {@code expected} arrivals in all, or {@code patience} has passed. */
    static void awaitArrivals(List<LoadClient> clients, long expected, Duration patience)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (arrivals(clients) < expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** Until at least {@code expected} have arrived and none arrived for half a second, or {@code patience} passed. */
    static void awaitQuiet(List<LoadClient> clients, long expected, Duration patience)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        long before = -1;
        long now = arrivals(clients);
        while ((now < expected || now != before) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(500);
            before = now;
            now = arrivals(clients);
        }
    }

    private static long arrivals(List<LoadClient> clients) throws IOException {
        long total = 0;
        for (LoadClient client : clients) {
            total += client.arrivals();
        }
        return total;
    }

    /**
     * The most memory each server worked in while a phase ran (a node's heap), sampled once a second: a node
     * answers each sample through its management endpoint, and at four a second those answers took 7–12 % of a
     * node's CPU in a profile.
     */
    private static final class HeapSampler {

        private final long[] max;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile Exception failure;

        HeapSampler(List<? extends ServerProcess> nodes) {
            max = new long[nodes.size()];
            thread = new Thread(() -> {
                try {
                    while (running) {
                        for (int n = 0; n < nodes.size(); n++) {
                            max[n] = Math.max(max[n], nodes.get(n).memoryBytes());
                        }
                        TimeUnit.SECONDS.sleep(1);
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
