package io.chatsync.benchmark;

import java.util.Map;

/** One measured phase of the reference run. */
record PhaseResult(String label, Writer.Written written, Deliveries deliveries, double[] nodeCores,
        double[] nodeWriteCalls, long[] nodeHeapMax, double postgresCores, Map<String, Double> postgresByRole,
        double clientCores, double writerCores, double idleCores, long clientRss, ClientStalls clientStalls) {

    /**
     * The load clients' own stalls in the phase, the worst process's: its event loop's delay (p99 and max, ms)
     * and garbage collections of 20 ms or more (how many, the longest); NaN where no client had an event loop.
     */
    record ClientStalls(double loopDelayP99Millis, double loopDelayMaxMillis, int gcPauses, double gcMaxMillis) {

        static final ClientStalls NONE = new ClientStalls(Double.NaN, Double.NaN, 0, 0);

        ClientStalls with(LoadClient.Report report) {
            return new ClientStalls(max(loopDelayP99Millis, report.loopDelayP99Millis()),
                    max(loopDelayMaxMillis, report.loopDelayMaxMillis()), Math.max(gcPauses, report.gcPauses()),
                    Math.max(gcMaxMillis, report.gcMaxMillis()));
        }

        private static double max(double a, double b) {
            return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
        }

        String summary() {
            return Double.isNaN(loopDelayMaxMillis) ? "–" : String.format("%.0f / %.0f; %d, longest %.0f",
                    loopDelayP99Millis, loopDelayMaxMillis, gcPauses, gcMaxMillis);
        }
    }

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
