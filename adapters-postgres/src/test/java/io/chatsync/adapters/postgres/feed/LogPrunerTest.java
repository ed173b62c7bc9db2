package io.chatsync.adapters.postgres.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The change log stays bounded, and pruning never takes a change a running node has not read. */
@Timeout(60)
class LogPrunerTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    final ChatFixtures fixtures = new ChatFixtures(database.dataSource());
    final LogPruner pruner = new LogPruner(database.dsl(), Duration.ofDays(1), 3);

    @BeforeEach
    void emptyLog() {
        fixtures.update("DELETE FROM chat_changes");
        fixtures.update("DELETE FROM chat_feed_readers");
    }

    /** Writes {@code count} messages; returns their changes' positions, lowest first. */
    List<Long> changes(int count) {
        int student = fixtures.student("Pruned " + count);
        for (int i = 0; i < count; i++) {
            fixtures.message(student, "student", "m" + i);
        }
        return database.dsl().resultQuery("SELECT position FROM chat_changes ORDER BY position")
                .fetch(0, Long.class);
    }

    void age(long upTo) {
        fixtures.update("UPDATE chat_changes SET recorded_at = now() - interval '2 days' WHERE position <= ?", upTo);
    }

    void reader(String name, long needsFrom, String seenAgo) {
        fixtures.update("INSERT INTO chat_feed_readers VALUES (?, ?, now() - CAST(? AS interval))", name, needsFrom,
                seenAgo);
    }

    List<Long> left() {
        return database.dsl().resultQuery("SELECT position FROM chat_changes ORDER BY position").fetch(0, Long.class);
    }

    @Test
    void changesOlderThanTheRetentionThatEveryReaderHasReadGoYoungOnesStay() {
        List<Long> positions = changes(10);
        age(positions.get(6));
        reader("node-a:1", positions.get(9) + 1, "1 second");

        long vacuumsBefore = vacuums();
        assertThat(pruner.prune()).isEqualTo(7);
        assertThat(left()).containsExactlyElementsOf(positions.subList(7, 10));
        assertThat(vacuums()).as("the log and the summary vacuumed, autovacuum or not").isEqualTo(vacuumsBefore + 2);
    }

    long vacuums() {
        return fixtures.count("SELECT coalesce(sum(vacuum_count), 0) FROM pg_stat_user_tables "
                + "WHERE relname IN ('chat_changes', 'chat_threads')");
    }

    @Test
    void theLastChangeStaysSoAStartingNodeStillFindsTheEndOfTheLog() {
        List<Long> positions = changes(4);
        age(positions.get(3));

        assertThat(pruner.prune()).isEqualTo(3);
        assertThat(left()).containsExactly(positions.get(3));
    }

    @Test
    void aRunningReaderHoldsBackWhatItStillNeedsAndAGoneOneDoesNot() {
        List<Long> positions = changes(8);
        age(positions.get(7));
        reader("node-a:1", positions.get(2), "1 second");
        reader("node-gone:1", positions.get(0), "3 days");

        assertThat(pruner.prune()).isEqualTo(2);
        assertThat(left()).first().isEqualTo(positions.get(2));
        assertThat(fixtures.count("SELECT count(*) FROM chat_feed_readers")).as("the gone reader is forgotten")
                .isEqualTo(1);
    }

    @Test
    void oneNodePrunesAtATime() throws Exception {
        List<Long> positions = changes(5);
        age(positions.get(4));
        try (Connection other = database.connection(); Statement sql = other.createStatement()) {
            sql.execute("SELECT pg_advisory_lock(1667785076, 1886549358)");

            assertThat(pruner.prune()).isZero();
            assertThat(left()).hasSize(5);
        }
    }

    @Test
    void aFeedReadingWhilePruningRunsLosesNothingAndTheLogStaysSmall() throws Exception {
        RecordingDelivery delivery = new RecordingDelivery();
        ChangeFeedSettings settings = ChangeFeedSettings.of("pruned-feed", database.url(), null, null)
                .withPollInterval(Duration.ofMillis(100));
        FeedSupervisor feed = new FeedSupervisor(settings, RecordingDelivery.ROWS, delivery,
                new SimpleMeterRegistry(), Clock.systemUTC());
        LogPruner eager = new LogPruner(database.dsl(), Duration.ofMillis(1), 50);
        feed.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> feed.state() == ChangeFeedState.LISTENING);
            int student = fixtures.student("Pruned while read");
            Set<Integer> written = new HashSet<>();
            for (int i = 0; i < 600; i++) {
                written.add(fixtures.message(student, "student", "m" + i));
                if (i % 50 == 49) {
                    eager.prune();
                }
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> delivery.messages().size() >= written.size());
            assertThat(delivery.messages()).extracting(added -> added.message().id().value())
                    .containsExactlyInAnyOrderElementsOf(written);

            // Once the feed has said it read everything, the log shrinks to what it still needs.
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                eager.prune();
                return fixtures.count("SELECT count(*) FROM chat_changes") <= 1;
            });
        } finally {
            feed.stop();
        }
    }
}
