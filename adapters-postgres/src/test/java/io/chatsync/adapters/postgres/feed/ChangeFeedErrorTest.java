package io.chatsync.adapters.postgres.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.delivery.DeliverChangesUseCase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An error on the feed's thread (out of memory, say) never leaves a feed that looks ready and delivers nothing. */
@Timeout(60)
class ChangeFeedErrorTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    final ChatFixtures fixtures = new ChatFixtures(database.dataSource());

    FeedSupervisor start(String node, DeliverChangesUseCase delivery) {
        ChangeFeedSettings settings = ChangeFeedSettings.of(node, database.url(), null, null)
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .withPollInterval(Duration.ofMillis(200));
        FeedSupervisor feed = new FeedSupervisor(settings, RecordingDelivery.ROWS, delivery, new SimpleMeterRegistry(),
                Clock.systemUTC());
        feed.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> feed.state() == ChangeFeedState.LISTENING);
        return feed;
    }

    @Test
    void anErrorWhileDeliveringRestartsTheFeedAndTheChangeIsDeliveredAfterAll() throws Exception {
        int student = fixtures.student("Bao Error");
        RecordingDelivery recorded = new RecordingDelivery();
        AtomicInteger calls = new AtomicInteger();
        FeedSupervisor feed = start("error-once", changes -> {
            if (calls.incrementAndGet() == 1) {
                throw new OutOfMemoryError("simulated: Java heap space");
            }
            recorded.deliver(changes);
        });
        try {
            int chatId = fixtures.message(student, "student", "survives an error");

            await().atMost(Duration.ofSeconds(20)).until(() -> recorded.messages().stream()
                    .anyMatch(message -> message.message().id().value() == chatId));
            assertThat(calls.get()).isGreaterThanOrEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.state() == ChangeFeedState.LISTENING);
        } finally {
            feed.stop();
        }
    }

    @Test
    void errorsThatKeepComingLeaveTheFeedFailedNotReady() throws Exception {
        int student = fixtures.student("Cuc Errors");
        FeedSupervisor feed = start("error-always", (List<ChatChange> changes) -> {
            throw new OutOfMemoryError("simulated: Java heap space");
        });
        try {
            fixtures.message(student, "student", "never delivered");

            await().atMost(Duration.ofSeconds(20)).until(() -> feed.state() == ChangeFeedState.FAILED);
            assertThat(feed.lastFailure()).hasValueSatisfying(failure -> assertThat(failure).contains("heap"));
        } finally {
            feed.stop();
        }
    }
}
