package io.chatsync.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivery latency and the highest sustained rate: {@code students} students over both nodes, {@code staff} staff on
 * node A watching every thread; a fixed rate, then rising rates until one is not sustained, then a profiled phase.
 */
final class ReferenceRun {

    private static final long WINDOW_NANOS = 5_000_000_000L;
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final Settings settings;
    private final Context context;
    private final Report report;
    private final PhaseRunner phases;

    ReferenceRun(Context context, PhaseRunner phases) {
        this.settings = context.settings();
        this.context = context;
        this.report = context.report();
        this.phases = phases;
    }

    /**
     * Measures the reference phases and then, on the same sockets before they close, {@code underAttack}; returns
     * the fixed-rate phase and the steps, the profiled phase left out.
     */
    List<PhaseResult> measure(UnderAttack underAttack) throws Exception {
        ReferenceShape shape = ReferenceShape.of(settings, context.tokens(), false);
        List<List<LoadClient.Spec>> perProcess = shape.perProcess();
        List<LoadClient> clients = new ArrayList<>();
        try {
            for (int p = 0; p < perProcess.size(); p++) {
                LoadClient client = context.referenceClient("load-client-" + p);
                clients.add(client);
                client.connect(perProcess.get(p), 50);
            }
            Phase.Load load = new Phase.Load(clients, shape.sockets(), shape.students());
            report.print("### Reference run: " + settings.students() + " students over both nodes (port 3002), "
                    + settings.staff() + " staff on node A (port 3000) watching every thread; students and staff "
                    + "write 50/50 straight into chats from " + settings.writers() + " connections; "
                    + clients.size() + " load-client processes"
                    + (settings.referenceClients() == FanOut.Clients.LEAN ? " of lean readers" : ""));
            report.print("");
            // Until the JIT compilers of both nodes have compiled the delivery path: the first phase after a
            // shorter warm-up showed twice the p99 of the same rate a minute later.
            phases.run(Phase.of("warm-up", settings.fixedRate(), settings.warmUp()), load);
            List<PhaseResult> rows = new ArrayList<>();
            report.print("| phase | offered/s | committed/s | deliveries/s | owner p50/p95/p99/max ms "
                    + "| staff p50/p95/p99/max ms | lost | dup | foreign | insert p50/p99 ms "
                    + "| CPU A / B / PG / clients / writer / idle (cores) | heap max A / B MB |");
            report.print("| --- | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | --- | --- | --- |");
            rows.add(row(phases.run(Phase.of("fixed", settings.fixedRate(), settings.fixed()), load)));
            for (double rate : settings.steps()) {
                PhaseResult row = row(phases.run(Phase.of("step", rate, settings.step()), load));
                rows.add(row);
                if (!row.sustained(settings.maxP99Millis())) {
                    break;
                }
            }
            // The profiler takes CPU and memory of its own, so the figures above come from phases without it.
            PhaseResult profiled = row(phases.run(Phase.of("profiled", settings.fixedRate(), settings.step())
                    .underProfiler(), load));
            report.print("");
            report.print("(The last phase ran under the flight recorder, for the profiles below; its figures are not "
                    + "the benchmark's.)");
            report.print("");
            List<PhaseResult> all = new ArrayList<>(rows);
            all.add(profiled);
            windows(all);
            postgresByRole(rows);
            writeCalls(rows);
            underAttack.measure(load);
            return rows;
        } finally {
            for (LoadClient client : clients) {
                client.close();
            }
        }
    }

    private PhaseResult row(PhaseResult row) {
        Deliveries d = row.deliveries();
        Latencies insert = row.written().insertLatency();
        report.print(String.format("| %s | %.0f | %.0f | %.0f | %s | %s | %d | %d | %d | %.1f / %.1f "
                        + "| %.2f / %.2f / %.2f / %.2f / %.2f / %.2f | %d / %d |", row.label(),
                row.written().offeredPerSecond(), row.written().achievedPerSecond(), row.deliveriesPerSecond(),
                d.owners().summary(), d.staff().summary(), d.lost(), d.duplicated(), d.foreign(),
                insert.percentileMillis(50), insert.percentileMillis(99), row.nodeCores()[0], row.nodeCores()[1],
                row.postgresCores(), row.clientCores(), row.writerCores(), row.idleCores(),
                row.nodeHeapMax()[0] >> 20, row.nodeHeapMax()[1] >> 20));
        return row;
    }

    /**
     * Each phase's p99 (owners and staff together) in the windows of {@link #WINDOW_NANOS} its messages were
     * committed in: whether a tail is spread over the phase or comes from one moment of it; and the first window
     * second by second, since a phase's first seconds are its worst most often (each phase starts right after a
     * checkpoint and a pause of the writers).
     */
    private void windows(List<PhaseResult> rows) {
        report.print("p99 in each 5 s of a phase, by commit time (owners and staff, ms), beside the load clients' own "
                + "stalls, which delay the arrivals they note (the worst process's event-loop delay, p99 / max ms; "
                + "its garbage collections of 20 ms or more, and the longest):");
        report.print("");
        report.print("| phase | offered/s | p99 per 5 s | the first 5 s: p99 per second | the first 5 s: the writers' "
                + "commits, INSERT p99 ms, most behind schedule ms, per second | load clients: event-loop "
                + "delay p99 / max ms; GC ≥ 20 ms |");
        report.print("| --- | ---: | --- | --- | --- | --- |");
        for (PhaseResult row : rows) {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (Deliveries.Commit commit : row.written().commits()) {
                first = Math.min(first, commit.committedNanos());
                last = Math.max(last, commit.committedNanos());
            }
            report.print(String.format("| %s | %.0f | %s | %s | %s | %s |", row.label(),
                    row.written().offeredPerSecond(), p99s(row, first, last, WINDOW_NANOS),
                    p99s(row, first, Math.min(last, first + WINDOW_NANOS - 1), SECOND_NANOS),
                    writersBySecond(row.written().commits(), first, Math.min(last, first + WINDOW_NANOS - 1)),
                    row.clientStalls().summary()));
        }
        report.print("");
    }

    /** The p99 of each {@code step} of commit time from {@code first} to {@code last}, ms. */
    private static String p99s(PhaseResult row, long first, long last, long step) {
        List<String> p99s = new ArrayList<>();
        for (long from = first; from <= last; from += step) {
            double p99 = row.deliveries().committedWithin(from, from + step).percentileMillis(99);
            p99s.add(Double.isNaN(p99) ? "–" : String.format("%.0f", p99));
        }
        return String.join(" · ", p99s);
    }

    /**
     * For each second of commit time from {@code first} to {@code last}: the commits in it, their {@code INSERT}s'
     * p99 and how far behind its schedule the latest sent of them was (a writer behind sends at once, so a slow
     * second is followed by a burst), as {@code commits / p99 / behind} with times in ms.
     */
    static String writersBySecond(List<Deliveries.Commit> commits, long first, long last) {
        List<String> seconds = new ArrayList<>();
        for (long from = first; from <= last; from += SECOND_NANOS) {
            Latencies inserts = new Latencies();
            long behind = 0;
            for (Deliveries.Commit commit : commits) {
                if (commit.committedNanos() >= from && commit.committedNanos() < from + SECOND_NANOS) {
                    inserts.add(commit.committedNanos() - commit.sentNanos());
                    behind = Math.max(behind, commit.sentNanos() - commit.dueNanos());
                }
            }
            seconds.add(inserts.count() == 0 ? "0" : String.format("%d / %.0f / %.0f", inserts.count(),
                    inserts.percentileMillis(99), behind / 1e6));
        }
        return String.join(" · ", seconds);
    }

    private void postgresByRole(List<PhaseResult> rows) {
        report.print("PostgreSQL's CPU by the connections its backends serve (cores; backends connected throughout):");
        report.print("");
        report.print("| phase | offered/s | " + String.join(" | ", PostgresRoles.ROLES) + " |");
        report.print("| --- | ---: |" + " ---: |".repeat(PostgresRoles.ROLES.size()));
        for (PhaseResult row : rows) {
            StringBuilder line = new StringBuilder(String.format("| %s | %.0f |", row.label(),
                    row.written().offeredPerSecond()));
            for (double cores : row.postgresByRole().values()) {
                line.append(String.format(" %.2f |", cores));
            }
            report.print(line.toString());
        }
        report.print("");
    }

    private void writeCalls(List<PhaseResult> rows) {
        report.print("The nodes' write system calls (per second, `syscw` of /proc/PID/io: their socket writes to "
                + "clients and to the database):");
        report.print("");
        report.print("| phase | offered/s | deliveries/s | node A | node B |");
        report.print("| --- | ---: | ---: | ---: | ---: |");
        for (PhaseResult row : rows) {
            report.print(String.format("| %s | %.0f | %.0f | %.0f | %.0f |", row.label(),
                    row.written().offeredPerSecond(), row.deliveriesPerSecond(), row.nodeWriteCalls()[0],
                    row.nodeWriteCalls()[1]));
        }
        report.print("");
    }

    /**
     * The fixed rate's figures, the highest sustained rate against {@code ceilingTop} (NaN: not measured), and the
     * nodes' profiles from the profiled phase.
     */
    void summary(List<PhaseResult> rows, double ceilingTop) throws IOException {
        PhaseResult fixed = rows.get(0);
        PhaseResult best = null;
        for (PhaseResult row : rows) {
            if (row.sustained(settings.maxP99Millis())) {
                best = best == null || row.written().achievedPerSecond() > best.written().achievedPerSecond()
                        ? row : best;
            }
        }
        report.print(String.format("- At %.0f messages/s: p99 %.1f ms (owners) and %.1f ms (staff); %d lost, "
                        + "%d duplicated, %d foreign, %d to staff not watching.", fixed.written().offeredPerSecond(),
                fixed.deliveries().owners().percentileMillis(99), fixed.deliveries().staff().percentileMillis(99),
                fixed.deliveries().lost(), fixed.deliveries().duplicated(), fixed.deliveries().foreign(),
                fixed.deliveries().unentitled()));
        if (best == null) {
            report.print("- No rate held p99 ≤ " + settings.maxP99Millis() + " ms with nothing lost.");
        } else if (Double.isNaN(ceilingTop)) {
            report.print(String.format("- Highest rate with p99 ≤ %.0f ms, nothing lost or duplicated: %.0f "
                    + "messages/s (no ceiling to compare with: pgbench is not on this machine).",
                    settings.maxP99Millis(), best.written().achievedPerSecond()));
        } else {
            report.print(String.format("- Highest rate with p99 ≤ %.0f ms, nothing lost or duplicated: %.0f "
                            + "messages/s (%.0f %% of the best ceiling, %.0f inserts/s).", settings.maxP99Millis(),
                    best.written().achievedPerSecond(), 100 * best.written().achievedPerSecond() / ceilingTop,
                    ceilingTop));
        }
        report.print(String.format("- Load clients: %.2f cores at most in a phase, %d MB resident in all.",
                rows.stream().mapToDouble(PhaseResult::clientCores).max().orElse(0), fixed.clientRss() >> 20));
        report.print("");
        for (String node : List.of("bench-a", "bench-b")) {
            Path recording = context.work().resolve(node + "-profiled.jfr");
            if (Files.exists(recording)) {
                report.print("Profile of " + node + " at " + (int) settings.fixedRate() + " messages/s:");
                report.print("");
                report.print("```");
                report.printVerbatim(Profile.of(recording).summary(12));
                report.print("```");
                report.print("");
            }
        }
    }
}
