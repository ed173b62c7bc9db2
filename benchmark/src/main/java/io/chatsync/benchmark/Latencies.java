package io.chatsync.benchmark;

import java.util.Arrays;

/** A set of latencies in nanoseconds and its percentiles (nearest rank), in milliseconds. */
final class Latencies {

    private long[] values = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    int count() {
        return size;
    }

    /** The {@code p}-th percentile (0 &lt; p ≤ 100) in milliseconds; NaN when empty. */
    double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size, rank) - 1)] / 1e6;
    }

    double maxMillis() {
        return percentileMillis(100);
    }

    /** {@code p50 / p95 / p99 / max} in milliseconds. */
    String summary() {
        if (size == 0) {
            return "–";
        }
        return String.format("%.1f / %.1f / %.1f / %.1f", percentileMillis(50), percentileMillis(95),
                percentileMillis(99), maxMillis());
    }
}
