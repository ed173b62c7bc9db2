package io.chatsync.benchmark;

import java.time.Duration;
import java.util.List;

/**
 * One measured phase: the writers commit at {@code rate} for {@code duration}, students and staff 50/50 or students
 * only ({@code staffWrites}), each node under the flight recorder when {@code profile}.
 */
record Phase(String label, double rate, Duration duration, boolean staffWrites, boolean profile) {

    /** Students and staff writing, no profiler. */
    static Phase of(String label, double rate, Duration duration) {
        return new Phase(label, rate, duration, true, false);
    }

    Phase studentsOnly() {
        return new Phase(label, rate, duration, false, profile);
    }

    /** Each node records to {@code <node>-<label>.jfr} in the work directory. */
    Phase underProfiler() {
        return new Phase(label, rate, duration, staffWrites, true);
    }

    /**
     * Who a phase delivers to: the connected load-client processes, every socket they hold with what it should
     * receive, and the students whose threads the writers post into.
     */
    record Load(List<LoadClient> clients, List<Deliveries.ClientSocket> sockets, int[] students) {
    }
}
