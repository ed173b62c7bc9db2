package io.chatsync.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/** The reference shape's other end: {@code fanoutStaff} staff sockets on node A, one student message at a time. */
final class FanOut {

    /**
     * Which clients hold the staff sockets ({@code benchmark.fanout-clients}, one or both, each measured in turn);
     * also which hold the reference shape's sockets, chatsync's and the legacy design's ({@code
     * benchmark.reference-clients}, one).
     */
    enum Clients {
        /** The official socket.io-client v4 (load-client.js), every phase's default. */
        OFFICIAL,
        /**
         * Socket.IO spoken by hand on one selector thread a process ({@link LeanReaders}): every frame read, a
         * fraction of the official client's CPU, as for a node whose dashboards are each on a machine of their own.
         */
        LEAN
    }

    /** How long the fan-out's shape runs before it is measured. */
    private static final Duration FANOUT_WARM_UP = Duration.ofSeconds(10);

    private final Settings settings;
    private final Context context;
    private final Report report;
    private final PhaseRunner phases;

    FanOut(Context context, PhaseRunner phases) {
        this.settings = context.settings();
        this.context = context;
        this.report = context.report();
        this.phases = phases;
    }

    void measure() throws Exception {
        for (Clients kind : settings.fanoutClients()) {
            measure(kind);
        }
    }

    private void measure(Clients kind) throws Exception {
        List<Deliveries.ClientSocket> sockets = new ArrayList<>();
        // Spread over the load-client processes as the reference shape is: one Node.js process for 2,000 sockets
        // would parse 40,000 events a second on one core, and its own queue would be the tail measured.
        int processes = Math.max(1, Math.min(settings.clientProcesses(), settings.fanoutStaff()));
        List<List<LoadClient.Spec>> specs = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            specs.add(new ArrayList<>());
        }
        for (int s = 0; s < settings.fanoutStaff(); s++) {
            specs.get(s % processes).add(new LoadClient.Spec(s, "http://" + Benchmark.NODE_A + ":3000",
                    context.tokens().staff(s), List.of()));
            sockets.add(new Deliveries.ClientSocket(s, 0, Set.of()));
        }
        List<LoadClient> clients = new ArrayList<>();
        try {
            for (int p = 0; p < processes; p++) {
                LoadClient client = kind == Clients.LEAN ? context.leanClient("fanout-lean-client-" + p)
                        : context.loadClient("fanout-client-" + p);
                clients.add(client);
                client.connect(specs.get(p), 50);
            }
            double rate = 20;
            Phase.Load load = new Phase.Load(clients, sockets, IntStream.rangeClosed(1, settings.students()).toArray());
            // The same shape first, not reported: on nodes that carried no load before (the fan-out scenario alone),
            // the compiler took a third of the machine through the first seconds of 40,000 deliveries a second, and
            // a node that has run for a while is what is measured.
            String name = kind == Clients.LEAN ? "fan-out, lean clients" : "fan-out";
            phases.run(Phase.of(name + " warm-up", rate, FANOUT_WARM_UP).studentsOnly(), load);
            Phase phase = Phase.of(name, rate, Duration.ofSeconds((long) (settings.fanoutMessages() / rate)))
                    .studentsOnly();
            PhaseResult row = phases.run(phase, load);
            Latencies last = row.deliveries().lastStaff();
            report.print("### " + settings.fanoutStaff() + " staff sockets on node A (" + processes
                    + (kind == Clients.LEAN ? " lean" : "") + " load-client processes), "
                    + row.deliveries().messages() + " student messages at 20/s");
            report.print("");
            report.print("- Commit to the last of the " + settings.fanoutStaff() + " staff sockets, p50/p95/p99/max "
                    + "ms: " + last.summary() + " (" + last.count() + " messages reached all of them; "
                    + row.deliveries().lost() + " deliveries lost, " + row.deliveries().duplicated() + " duplicated)");
            report.print("- Each delivery, p50/p95/p99/max ms: " + row.deliveries().staff().summary());
            report.print(String.format("- CPU, cores: node A %.2f, node B %.2f, PostgreSQL %.2f, load clients %.2f, "
                    + "idle %.2f", row.nodeCores()[0], row.nodeCores()[1], row.postgresCores(), row.clientCores(),
                    row.idleCores()));
            report.print("");
        } finally {
            for (LoadClient client : clients) {
                client.close();
            }
        }
    }
}
