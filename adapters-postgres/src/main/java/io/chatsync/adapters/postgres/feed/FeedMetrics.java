package io.chatsync.adapters.postgres.feed;

import io.chatsync.application.delivery.ChatChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The change feed's meters, tagged with the node. */
final class FeedMetrics {

    private final Clock clock;
    private final Counter reconnects;
    private final Counter catchUpChanges;
    private final Counter deliveryFailures;
    private final Counter vanished;
    private final Counter unreadable;
    private final DistributionSummary batchSize;
    private final Timer lag;
    private final Counter notifications;
    private final AtomicInteger listening = new AtomicInteger();
    private final AtomicInteger gaps = new AtomicInteger();

    FeedMetrics(MeterRegistry registry, String node, Clock clock) {
        this.clock = clock;
        reconnects = Counter.builder("chatsync.feed.reconnects").tag("node", node)
                .description("Connections of the change feed lost and made again").register(registry);
        catchUpChanges = Counter.builder("chatsync.feed.catch-up.changes").tag("node", node)
                .description("Changes read while catching up after a (re)connect").register(registry);
        deliveryFailures = Counter.builder("chatsync.feed.delivery.failures").tag("node", node)
                .description("Batches whose hand-over to the application threw").register(registry);
        vanished = Counter.builder("chatsync.feed.vanished").tag("node", node)
                .description("Logged new messages whose row was deleted before hand-over").register(registry);
        unreadable = Counter.builder("chatsync.feed.unreadable").tag("node", node)
                .description("Logged changes whose row could not be read as a message, skipped").register(registry);
        batchSize = DistributionSummary.builder("chatsync.feed.batch.size").tag("node", node)
                .description("Changes handed over at once").register(registry);
        lag = Timer.builder("chatsync.feed.lag").tag("node", node)
                .description("From the writing transaction's log entry to hand-over")
                .publishPercentiles(0.5, 0.99).register(registry);
        notifications = Counter.builder("chatsync.feed.notifications").tag("node", node)
                .description("Notifications received on the listening connection").register(registry);
        Gauge.builder("chatsync.feed.listening", listening, AtomicInteger::get).tag("node", node)
                .description("1 while the listening connection LISTENs, 0 while the feed reads on a schedule "
                        + "or is not connected")
                .register(registry);
        Gauge.builder("chatsync.feed.gaps", gaps, AtomicInteger::get).tag("node", node)
                .description("Ranges of positions below the highest read that the feed still awaits "
                        + "(changes of transactions not yet ended)")
                .register(registry);
    }

    void gaps(int awaited) {
        gaps.set(awaited);
    }

    void listening(boolean now) {
        listening.set(now ? 1 : 0);
    }

    void notificationsReceived(int count) {
        notifications.increment(count);
    }

    void reconnected() {
        reconnects.increment();
    }

    void handedOver(List<ChatChange> changes, int logRows, int unreadableRows, boolean catchingUp) {
        batchSize.record(changes.size());
        if (catchingUp) {
            catchUpChanges.increment(logRows);
        }
        unreadable.increment(unreadableRows);
        vanished.increment(logRows - unreadableRows - changes.size());
        long now = clock.millis();
        for (ChatChange change : changes) {
            lag.record(Duration.ofMillis(Math.max(0, now - change.recordedAt().toEpochMilli())));
        }
    }

    void deliveryFailed() {
        deliveryFailures.increment();
    }
}
