package io.chatsync.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The legacy design in the same run, at the same shape: the guide's table and trigger on a database of its own,
 * its two Node backends (legacy-server.js: staff on 127.0.0.1:3100, students on 127.0.0.1:3102), the same
 * students and staff, the same writers. Rising rates from low until one is not held, then the run's fixed rate;
 * then chatsync's figures beside its, as ratios. Only what its users were entitled to counts: its duplicates and
 * the messages it sends every student are reported as such, not as throughput.
 */
final class LegacyRun {

    /** The rates tried, lowest first, up to the first not held; 1,000/s is the run's fixed rate by default. */
    static final List<Double> STEPS = List.of(100.0, 200.0, 300.0, 500.0, 750.0, 1000.0, 1500.0, 2000.0, 2500.0,
            3000.0);

    private final Context context;
    private final Settings settings;
    private final Report report;

    LegacyRun(Context context) {
        this.context = context;
        this.settings = context.settings();
        this.report = context.report();
    }

    /** The held steps and the fixed-rate phase, measured on a fresh database {@code legacy_benchmark}. */
    Result measure(Database server) throws Exception {
        Database database = server.recreate("legacy_benchmark");
        try {
            database.execute(Ceiling.LEGACY_SCHEMA);
            database.execute("UPDATE users SET avatar_url = 'https://lms.example/avatars/' || user_id || '.png'");
            database.execute("INSERT INTO users (full_name, avatar_url) SELECT 'Student ' || n, "
                    + "'https://lms.example/avatars/' || n || '.png' FROM generate_series(201, 20000) AS n");
            Path script = context.script().resolveSibling("legacy-server.js");
            ServerPlacement placement = settings.servers();
            try (LegacyServer staff = LegacyServer.start(script, "legacy-staff", 3100, placement, database,
                         context.work().resolve("legacy-staff.log"));
                 LegacyServer students = LegacyServer.start(script, "legacy-students", 3102, placement, database,
                         context.work().resolve("legacy-students.log"));
                 Writer writer = new Writer(database.jdbcUrl(), database.properties(), settings.writers())) {
                return measure(new PhaseRunner(database, writer, List.of(staff, students), context.work(), true));
            }
        } finally {
            server.drop("legacy_benchmark");
        }
    }

    private Result measure(PhaseRunner phases) throws Exception {
        ReferenceShape shape = ReferenceShape.legacy(settings, context.tokens(), "http://127.0.0.1:3102",
                "http://127.0.0.1:3100");
        List<LoadClient> clients = new ArrayList<>();
        try {
            List<List<LoadClient.Spec>> perProcess = shape.perProcess();
            for (int p = 0; p < perProcess.size(); p++) {
                LoadClient client = context.referenceClient("legacy-client-" + p);
                clients.add(client);
                client.connect(perProcess.get(p), 50);
            }
            Phase.Load load = new Phase.Load(clients, shape.sockets(), shape.students());
            report.print("### The legacy design, same run: the guide's trigger and two Node backends (socket.io "
                    + "4.8.1, pg 8.23.1), " + settings.students() + " students on the students' backend, "
                    + settings.staff() + " staff on the staff one in every room; the same writers"
                    + (settings.referenceClients() == FanOut.Clients.LEAN ? " and lean readers" : ""));
            report.print("");
            phases.run(Phase.of("warm-up", STEPS.get(0), Duration.ofSeconds(10)), load);
            report.print("| phase | offered/s | committed/s | entitled deliveries/s | owner p50/p95/p99/max ms "
                    + "| staff p50/p95/p99/max ms | lost | dup | foreign | CPU staff / students backend / PG / clients "
                    + "/ idle (cores) | RSS max staff / students MB |");
            report.print("| --- | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | --- | --- |");
            // Rising until a rate is not held; the run's fixed rate is measured whether it is reached or not, for
            // the p99 at the same rate as chatsync's.
            PhaseResult best = null;
            PhaseResult fixed = null;
            for (double rate : STEPS) {
                PhaseResult step = row(phases.run(Phase.of(rate == settings.fixedRate() ? "fixed" : "step", rate,
                        rate == settings.fixedRate() ? settings.fixed() : settings.step()), load));
                if (rate == settings.fixedRate()) {
                    fixed = step;
                }
                if (!held(step)) {
                    break;
                }
                best = step;
            }
            if (fixed == null) {
                fixed = row(phases.run(Phase.of("fixed", settings.fixedRate(), settings.fixed()), load));
            }
            report.print("");
            return new Result(fixed, best);
        } finally {
            for (LoadClient client : clients) {
                client.close();
            }
        }
    }

    /** Held: p99 within the bound and nothing the users were entitled to lost; its duplicates are its design. */
    boolean held(PhaseResult row) {
        return row.deliveries().lost() == 0 && row.worstP99() <= settings.maxP99Millis()
                && row.written().achievedPerSecond() >= 0.95 * row.written().offeredPerSecond();
    }

    private PhaseResult row(PhaseResult row) {
        Deliveries d = row.deliveries();
        report.print(String.format("| %s | %.0f | %.0f | %.0f | %s | %s | %d | %d | %d "
                        + "| %.2f / %.2f / %.2f / %.2f / %.2f | %d / %d |",
                row.label(), row.written().offeredPerSecond(), row.written().achievedPerSecond(),
                row.deliveriesPerSecond(), d.owners().summary(), d.staff().summary(), d.lost(), d.duplicated(),
                d.foreign(), row.nodeCores()[0], row.nodeCores()[1], row.postgresCores(), row.clientCores(),
                row.idleCores(), row.nodeHeapMax()[0] >> 20, row.nodeHeapMax()[1] >> 20));
        return row;
    }

    /** The legacy design's fixed-rate phase, and its highest held rate (null: none held). */
    record Result(PhaseResult fixed, PhaseResult best) {
    }

    /** chatsync's figures beside the legacy design's, from the same run, as ratios. */
    void compare(List<PhaseResult> chatsync, Result legacy, double maxP99Millis) {
        PhaseResult fixed = chatsync.get(0);
        PhaseResult best = null;
        for (PhaseResult row : chatsync) {
            if (row.sustained(maxP99Millis) && (best == null
                    || row.written().achievedPerSecond() > best.written().achievedPerSecond())) {
                best = row;
            }
        }
        report.print("### chatsync beside the legacy design (same run, same machine)");
        report.print("");
        report.print("| figure | chatsync | legacy design | legacy / chatsync |");
        report.print("| --- | ---: | ---: | ---: |");
        double rate = fixed.written().offeredPerSecond();
        ratio(String.format("p99 owners at %.0f/s, ms", rate), fixed.deliveries().owners().percentileMillis(99),
                legacy.fixed().deliveries().owners().percentileMillis(99));
        ratio(String.format("p99 staff at %.0f/s, ms", rate), fixed.deliveries().staff().percentileMillis(99),
                legacy.fixed().deliveries().staff().percentileMillis(99));
        ratio(String.format("entitled deliveries lost at %.0f/s", rate), fixed.deliveries().lost(),
                legacy.fixed().deliveries().lost());
        ratio(String.format("server CPU per entitled delivery at %.0f/s, µs", rate), cpuMicrosPerDelivery(fixed),
                cpuMicrosPerDelivery(legacy.fixed()));
        report.print(String.format("| duplicated / foreign deliveries at %.0f/s | %d / %d | %d / %d | |", rate,
                fixed.deliveries().duplicated(), fixed.deliveries().foreign(),
                legacy.fixed().deliveries().duplicated(), legacy.fixed().deliveries().foreign()));
        double chatsyncBest = best == null ? 0 : best.written().achievedPerSecond();
        double legacyBest = legacy.best() == null ? 0 : legacy.best().written().achievedPerSecond();
        report.print(String.format("| highest rate held (p99 ≤ %.0f ms, nothing lost), messages/s | %.0f | %.0f | %s |",
                maxP99Millis, chatsyncBest, legacyBest,
                legacyBest == 0 ? "n/a" : String.format("chatsync %.1f×", chatsyncBest / legacyBest)));
        report.print("");
    }

    private void ratio(String figure, double chatsync, double legacy) {
        report.print(String.format("| %s | %.1f | %.1f | %s |", figure, chatsync, legacy,
                chatsync == 0 ? "n/a" : String.format("%.1f×", legacy / chatsync)));
    }

    /** The servers' CPU for each delivery a user was entitled to and got. */
    private static double cpuMicrosPerDelivery(PhaseResult row) {
        double cores = 0;
        for (double node : row.nodeCores()) {
            cores += node;
        }
        return row.deliveriesPerSecond() == 0 ? Double.NaN : cores * 1e6 / row.deliveriesPerSecond();
    }
}
