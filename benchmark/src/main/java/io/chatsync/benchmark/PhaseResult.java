package io.chatsync.benchmark;

import java.util.Map;

/** One measured phase of the reference run. */
record PhaseResult(String label, Writer.Written written, Deliveries deliveries, double[] nodeCores,
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
