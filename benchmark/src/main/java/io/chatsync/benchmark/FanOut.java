package io.chatsync.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/** The reference shape's other end: {@code fanoutStaff} staff sockets on node A, one student message at a time. */
final class FanOut {

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
        List<Deliveries.ClientSocket> sockets = new ArrayList<>();
        List<LoadClient.Spec> specs = new ArrayList<>();
        for (int s = 0; s < settings.fanoutStaff(); s++) {
            specs.add(new LoadClient.Spec(s, "http://" + Benchmark.NODE_A + ":3000", context.tokens().staff(s),
                    List.of()));
            sockets.add(new Deliveries.ClientSocket(s, 0, Set.of()));
        }
        try (LoadClient staff = context.loadClient("fanout-client")) {
            staff.connect(specs, 50);
            double rate = 20;
            Phase phase = Phase.of("fan-out", rate, Duration.ofSeconds((long) (settings.fanoutMessages() / rate)))
                    .studentsOnly();
            PhaseResult row = phases.run(phase, new Phase.Load(List.of(staff), sockets,
                    IntStream.rangeClosed(1, settings.students()).toArray()));
            Latencies last = row.deliveries().lastStaff();
            report.print("### " + settings.fanoutStaff() + " staff sockets on node A, " + row.deliveries().messages()
                    + " student messages at 20/s");
            report.print("");
            report.print("- Commit to the last of the " + settings.fanoutStaff() + " staff sockets, p50/p95/p99/max "
                    + "ms: " + last.summary() + " (" + last.count() + " messages reached all of them; "
                    + row.deliveries().lost() + " deliveries lost, " + row.deliveries().duplicated() + " duplicated)");
            report.print("- Each delivery, p50/p95/p99/max ms: " + row.deliveries().staff().summary());
            report.print("");
        }
    }
}
