package io.chatsync.adapters.postgres.feed;

import java.time.Duration;

/**
 * While the feed waits for notifications it holds a wake-up lease, so that writers notify (they need not
 * otherwise: docs/change-feed.md, "Who is notified"). The lease runs three poll intervals and is renewed before
 * the first read after half of one, so at least once per poll interval, and it lapses only when the feed stalls
 * for two; each renewal also awaits what writers did meanwhile without a notification. When the feed turns to
 * reading on a schedule it ends the lease at once: until a lease runs out every commit notifies, and notifying
 * commits take turns in PostgreSQL, which is what a busy database can least afford.
 */
final class WakeUpLease {

    private final long renewAfterNanos;
    private final long millis;
    private boolean held;
    private long renewedAt;

    WakeUpLease(Duration pollInterval) {
        this.renewAfterNanos = pollInterval.toNanos() / 2;
        this.millis = pollInterval.toMillis() * 3;
    }

    boolean due() {
        return !held || System.nanoTime() - renewedAt >= renewAfterNanos;
    }

    long millis() {
        return millis;
    }

    void renewed() {
        held = true;
        renewedAt = System.nanoTime();
    }

    /** Whether the lease was taken and not dropped since. */
    boolean held() {
        return held;
    }

    void dropped() {
        held = false;
    }
}
