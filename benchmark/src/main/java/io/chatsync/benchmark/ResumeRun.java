package io.chatsync.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resumable sessions (docs/resume.md), on nodes that resume both ports: a churn phase, the reference shape at a
 * fixed rate while every socket's connection is cut once at a random moment and the socket comes back by itself;
 * then how long one client takes to get back 1,000 events it missed.
 */
final class ResumeRun {

    /** Missed events a client gets back in the recovery-time measurement. */
    static final int MISSED = 1_000;

    private final Settings settings;
    private final Context context;
    private final Report report;
    private final PhaseRunner phases;
    private final Database database;

    ResumeRun(Context context, PhaseRunner phases, Database database) {
        this.settings = context.settings();
        this.context = context;
        this.report = context.report();
        this.phases = phases;
        this.database = database;
    }

    /** The churn phase at {@code rate} messages a second. */
    void churn(double rate) throws Exception {
        ReferenceShape shape = ReferenceShape.of(settings, context.tokens(), true);
        List<List<LoadClient.Spec>> perProcess = shape.perProcess();
        List<Deliveries.ClientSocket> sockets = shape.sockets();
        List<LoadClient> clients = new ArrayList<>();
        try {
            for (int p = 0; p < perProcess.size(); p++) {
                LoadClient client = context.loadClient("churn-client-" + p);
                clients.add(client);
                client.connect(perProcess.get(p), 50);
            }
            Phase.Load load = new Phase.Load(clients, sockets, shape.students());
            phases.run(Phase.of("warm-up", rate, Duration.ofSeconds(20)), load);
            Duration length = settings.fixed();
            // The same rate and sockets without cuts first: what the churn adds is measured against it.
            PhaseResult still = phases.run(Phase.of("no cuts", rate, length), load);
            for (LoadClient client : clients) {
                // Every socket is cut once, leaving the last five seconds for the last ones to come back.
                client.cut(length.minusSeconds(5), Duration.ZERO);
            }
            PhaseResult row = phases.run(Phase.of("churn", rate, length), load);
            Map<Integer, long[]> away = new HashMap<>();
            int cut = 0;
            int recovered = 0;
            for (LoadClient client : clients) {
                for (LoadClient.Cut one : client.cuts()) {
                    if (one.cutNanos() > 0) {
                        cut++;
                        away.put(one.index(), new long[] {one.cutNanos(), one.connectNanos()});
                    }
                    recovered += one.recovered() ? 1 : 0;
                }
            }
            Deliveries d = row.deliveries();
            report.print("### Churn: " + sockets.size() + " sockets (" + settings.students() + " students over both "
                    + "nodes, " + settings.staff() + " staff on node A watching every thread), each cut once at a "
                    + "random moment of " + length.toSeconds() + " s at " + Math.round(rate) + " messages/s");
            report.print("");
            report.print("| phase | sockets cut | resumed | committed/s | deliveries | lost | duplicated | foreign "
                    + "| owners p50/p95/p99/max ms | staff p50/p95/p99/max ms | recovered p50/p95/p99/max ms |");
            report.print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |");
            Deliveries s0 = still.deliveries();
            report.print(String.format("| no cuts | 0 | | %.0f | %d | %d | %d | %d | %s | %s | |",
                    still.written().achievedPerSecond(), s0.delivered(), s0.lost(), s0.duplicated(), s0.foreign(),
                    s0.owners().summary(), s0.staff().summary()));
            report.print(String.format("| churn | %d | %d | %.0f | %d | %d | %d | %d | %s | %s | %s |", cut, recovered,
                    row.written().achievedPerSecond(), d.delivered(), d.lost(), d.duplicated(), d.foreign(),
                    d.owners().summary(), d.staff().summary(), d.committedWhileAway(away).summary()));
            report.print("");
            for (long[] lost : d.missing(5)) {
                long[] window = away.get((int) lost[0]);
                report.print(String.format("- Lost: message %d to socket %d, committed %.1f ms after its cut and "
                                + "%.1f ms before it was connected again.", lost[1], lost[0],
                        window == null ? Double.NaN : (lost[2] - window[0]) / 1e6,
                        window == null ? Double.NaN : (window[1] - lost[2]) / 1e6));
            }
            report.print("");
            report.print("(\"Recovered\": deliveries of messages committed while their socket was away, from its cut "
                    + "until it was connected again; measured from the commit, so they include the time away.)");
            report.print("");
        } finally {
            for (LoadClient client : clients) {
                client.close();
            }
        }
    }

    /** How long one staff socket takes to get back {@link #MISSED} events, {@code runs} times. */
    void recoveryTime(int runs) throws Exception {
        report.print("### Time to get back " + MISSED + " missed events (one staff socket on node A)");
        report.print("");
        report.print("| run | resumed | reconnect to CONNECT ms | reconnect to the " + MISSED + "th event ms |");
        report.print("| ---: | --- | ---: | ---: |");
        try (LoadClient client = context.loadClient("resume-client")) {
            int index = 300_000;
            client.connect(List.of(new LoadClient.Spec(index, "http://" + Benchmark.NODE_A + ":3000",
                    context.tokens().staff(9_999), List.of(), true)), 1);
            for (int run = 1; run <= runs; run++) {
                client.reset();
                // Held away for three seconds, while a thousand student messages are committed.
                client.cut(Duration.ZERO, Duration.ofSeconds(3));
                database.execute("INSERT INTO chats (user_id, sender, message) SELECT 1 + n % "
                        + settings.students() + ", 'student', 'missed ' || n FROM generate_series(1, " + MISSED
                        + ") AS n");
                PhaseRunner.awaitArrivals(List.of(client), MISSED, Duration.ofSeconds(60));
                LoadClient.Cut cut = client.cuts().get(0);
                long last = LoadClient.lastArrivalNanos(client.report(context.work().resolve("resume-" + run
                        + ".csv")).file());
                report.print(String.format("| %d | %s | %.1f | %.1f |", run, cut.recovered() ? "yes" : "no",
                        (cut.connectNanos() - cut.attemptNanos()) / 1e6, (last - cut.attemptNanos()) / 1e6));
            }
        }
        report.print("");
    }
}
