package io.chatsync.adapters.postgres.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/** A time without a working feed connection: since when, and how many attempts to reconnect it took. */
final class Outage {

    private final Instant since;
    private int attempts;

    Outage(Instant since) {
        this.since = since;
    }

    int attempts() {
        return attempts;
    }

    void attempted() {
        attempts++;
    }

    long millisSince(Clock clock) {
        return Duration.between(since, clock.instant()).toMillis();
    }

    /**
     * A random delay between half the base and base × 2^(attempts-1), capped: nodes do not reconnect in step.
     */
    Duration backoff(Duration base, Duration cap) {
        long baseMillis = base.toMillis();
        long ceiling = Math.min(cap.toMillis(), baseMillis << Math.min(attempts - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current()
                .nextLong(baseMillis / 2, Math.max(baseMillis / 2 + 1, ceiling + 1)));
    }
}
