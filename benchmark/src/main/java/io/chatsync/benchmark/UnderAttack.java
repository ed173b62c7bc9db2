package io.chatsync.benchmark;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The reference shape at 40 % of the ceiling, once quiet and once while {@code attackers} hostile connections
 * run each attack in turn against node A; node A's readiness is probed all along, and its live heap (after a
 * full GC) and resident memory taken at the end of every attack's slice, in both phases alike.
 */
final class UnderAttack {

    private final Settings settings;
    private final Context context;
    private final Report report;
    private final PhaseRunner phases;
    private final Database database;
    private final ChatsyncNode a;
    private final double ceilingTop;

    /** {@code ceilingTop}: the best insert+notify rate of the ceiling, NaN when not measured (then the fixed rate). */
    UnderAttack(Context context, PhaseRunner phases, Database database, ChatsyncNode a, double ceilingTop) {
        this.settings = context.settings();
        this.context = context;
        this.report = context.report();
        this.phases = phases;
        this.database = database;
        this.a = a;
        this.ceilingTop = ceilingTop;
    }

    /** The least an attack runs when the heap readings before it overran its slice. */
    private static final Duration MIN_SLICE = Duration.ofSeconds(1);

    /**
     * What the never-readers' slice gets beyond the others. The node cuts a client that has taken no frame for 10 s
     * (docs/operations.md), and the clock starts only once the kernel's buffers are full and frames wait: in a
     * 12 s slice, shortened by the full GC of the one before, the attackers closed first and no cut was seen.
     */
    private static final Duration NEVER_READS_EXTRA = Duration.ofSeconds(20);

    private Duration sliceOf(Attackers.Attack attack) {
        Duration slice = settings.attackSlice();
        return attack == Attackers.Attack.NEVER_READS ? slice.plus(NEVER_READS_EXTRA) : slice;
    }

    /** On the reference run's sockets, {@code load}. */
    void measure(Phase.Load load) throws Exception {
        double rate = Double.isNaN(ceilingTop) ? settings.fixedRate() : 0.4 * ceilingTop;
        List<Attackers.Attack> attacks = settings.attacks();
        Duration slice = settings.attackSlice();
        Duration duration = attacks.stream().map(this::sliceOf).reduce(Duration.ZERO, Duration::plus);
        report.print("### Under attack: the reference shape at " + Math.round(rate) + " messages/s (40 % of the "
                + "ceiling), without and with " + settings.attackers() + " hostile connections on node A");
        report.print("");
        report.print("Each attack runs in turn in a " + slice.toSeconds() + " s slice of a fixed schedule ("
                + slice.plus(NEVER_READS_EXTRA).toSeconds() + " s for the clients that stop reading, which the node "
                + "cuts after 10 s without progress; what the heap reading at the end of the slice before took comes "
                + "off it): "
                + attacks.stream().map(attack -> attack.description).reduce((x, y) -> x + "; " + y).orElse("")
                + ". Node A's live heap (after a full GC) and resident memory are taken at the end of each slice, "
                + "in the quiet phase too; readiness is probed every 250 ms.");
        report.print("");
        report.print("| phase | committed/s | owner p50/p95/p99/max ms | staff p50/p95/p99/max ms | lost | dup "
                + "| live heap A max MB | forced full GC max ms | resident A max MB | readiness not UP "
                + "| refusals counted | CPU A / B / PG / benchmark process (writers and attackers) / idle (cores) |");
        report.print("| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        long floodBefore = database.count("SELECT count(*) FROM chats WHERE user_id = " + Attackers.FLOODED_THREAD);
        List<Attackers.Outcome> outcomes = new ArrayList<>();
        Map<Boolean, List<Latencies>> bySlice = new HashMap<>();
        Map<Boolean, double[]> slowBySlice = new HashMap<>();
        for (boolean attacked : List.of(false, true)) {
            long[] sliceStarts = new long[attacks.size() + 1];
            double[] slowCuts = new double[attacks.size()];
            double refusedBefore = refusals();
            NodeWatch watch = new NodeWatch(a);
            try (Attackers attackers = new Attackers(Benchmark.NODE_A, 3002, 3000, context.tokens(),
                    settings.attackers())) {
                Thread pace = new Thread(() -> {
                    try {
                        // Slices keep to a schedule from the first: the full GC taken after each (up to 5 s on a
                        // busy machine) shortens the next one instead of pushing every later one back, which had
                        // pushed the last slices past the writers' end, with no legitimate commit in them.
                        long first = System.nanoTime();
                        long end = first;
                        sliceStarts[0] = first;
                        for (int i = 0; i < attacks.size(); i++) {
                            end += sliceOf(attacks.get(i)).toNanos();
                            Duration length = Duration.ofNanos(Math.max(end - System.nanoTime(), MIN_SLICE.toNanos()));
                            double slowBefore = a.counter(SLOW_DISCONNECTS);
                            if (attacked) {
                                outcomes.add(attackers.run(attacks.get(i), length));
                            } else {
                                TimeUnit.NANOSECONDS.sleep(length.toNanos());
                            }
                            sliceStarts[i + 1] = System.nanoTime();
                            slowCuts[i] = a.counter(SLOW_DISCONNECTS) - slowBefore;
                            watch.peak();
                        }
                    } catch (Exception e) {
                        watch.failed(e);
                    }
                }, "attack-pace");
                pace.start();
                PhaseResult row = phases.run(Phase.of(attacked ? "under attack" : "quiet", rate, duration), load);
                pace.join();
                watch.stop();
                double refused = refusals() - refusedBefore;
                Deliveries d = row.deliveries();
                List<Latencies> slices = new ArrayList<>();
                for (int i = 0; i < attacks.size(); i++) {
                    slices.add(d.committedWithin(sliceStarts[i], sliceStarts[i + 1]));
                }
                bySlice.put(attacked, slices);
                slowBySlice.put(attacked, slowCuts);
                report.print(String.format("| %s | %.0f | %s | %s | %d | %d | %d | %d | %d | %d of %d | %.0f "
                                + "| %.2f / %.2f / %.2f / %.2f / %.2f |", row.label(),
                        row.written().achievedPerSecond(), d.owners().summary(), d.staff().summary(), d.lost(),
                        d.duplicated(), watch.liveHeapMax() >> 20, watch.fullGcMaxMillis(), watch.residentMax() >> 20,
                        watch.notReady(), watch.probes(), refused, row.nodeCores()[0], row.nodeCores()[1],
                        row.postgresCores(), row.writerCores(), row.idleCores()));
            }
        }
        report.print("");
        report.print("Each attack's slice: the legitimate deliveries of messages committed during it (owners and "
                + "staff), beside the same slice of the quiet phase. A slice's figures include the full GC forced "
                + "for the heap figure at the end of the slice before it.");
        report.print("");
        report.print("| attack | connections opened | cut by the node (as the attackers saw it) "
                + "| closed by node A as slow readers, quiet / under attack | message:send written by the attackers "
                + "| quiet p50/p95/p99/max ms | under attack p50/p95/p99/max ms |");
        report.print("| --- | ---: | ---: | ---: | ---: | --- | --- |");
        for (int i = 0; i < outcomes.size(); i++) {
            Attackers.Outcome outcome = outcomes.get(i);
            report.print(String.format("| %s | %d | %d | %.0f / %.0f | %d | %s | %s |", outcome.attack().description,
                    outcome.connections(), outcome.cut(), slowBySlice.get(false)[i], slowBySlice.get(true)[i],
                    outcome.floodSent(), bySlice.get(false).get(i).summary(), bySlice.get(true).get(i).summary()));
        }
        report.print("");
        report.print("A client that does not read never sees its close, so the node's own count of connections it "
                + "closed as slow readers (`chatsync.socketio.slow-disconnects`) is what shows the cut; in the quiet "
                + "slices it counts healthy clients cut, which must stay 0.");
        report.print("");
        report.print("- Messages the flood got stored (each attacker's allowance): " + (database.count(
                "SELECT count(*) FROM chats WHERE user_id = " + Attackers.FLOODED_THREAD) - floodBefore));
        report.print("");
    }

    private static final String SLOW_DISCONNECTS = "chatsync.socketio.slow-disconnects";

    /** Refusals node A has counted so far, in both of its counters. */
    private double refusals() throws IOException, InterruptedException {
        return a.counter("chatsync.socketio.refused") + a.counter("chatsync.limits.refused");
    }
}
