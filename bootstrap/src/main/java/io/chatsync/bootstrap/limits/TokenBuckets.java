package io.chatsync.bootstrap.limits;

import io.chatsync.application.limits.ActionLimits;
import io.chatsync.application.limits.LimitedAction;
import io.chatsync.application.limits.RateLimitExceeded;
import io.chatsync.domain.thread.Participant;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per user and action, on this node only: a user spread over several nodes by a load balancer has
 * each node's allowance. A bucket that has filled up again is the same as a new one, so {@link #forgetFull()}
 * drops them and the map holds only the users who acted lately.
 */
final class TokenBuckets implements ActionLimits {

    private final Map<LimitedAction, LimitsProperties.Allowance> allowances;
    private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<LimitedAction, Counter> refused;

    TokenBuckets(LimitsProperties properties, MeterRegistry meters) {
        this.allowances = properties.byAction();
        this.refused = new ConcurrentHashMap<>();
        for (LimitedAction action : LimitedAction.values()) {
            refused.put(action, Counter.builder("chatsync.limits.refused").tag("action", action.name().toLowerCase())
                    .description("Actions refused because the user was over their allowance").register(meters));
        }
    }

    @Override
    public void take(Participant who, LimitedAction action) {
        Bucket bucket = buckets.computeIfAbsent(new Key(who, action), key -> bucket(allowances.get(action)));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            refused.get(action).increment();
            throw new RateLimitExceeded(action, Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /** Drops the buckets that are full again; run now and then. */
    void forgetFull() {
        buckets.entrySet().removeIf(entry ->
                entry.getValue().getAvailableTokens() >= allowances.get(entry.getKey().action()).burst());
    }

    int size() {
        return buckets.size();
    }

    private static Bucket bucket(LimitsProperties.Allowance allowance) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(allowance.burst())
                        .refillGreedy(allowance.perMinute(), Duration.ofMinutes(1)))
                .build();
    }

    private record Key(Participant who, LimitedAction action) {
    }
}
