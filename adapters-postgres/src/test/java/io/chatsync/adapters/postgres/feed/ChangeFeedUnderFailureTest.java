package io.chatsync.adapters.postgres.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.application.delivery.ChatChange;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes' feeds on one database while four writers insert 10,000 messages and flip read flags, and every
 * ~200 ms both listening backends are terminated: each node hands over every committed change exactly once, and
 * each writer's changes in the order it committed them.
 */
class ChangeFeedUnderFailureTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    static final int WRITERS = 4;
    static final int MESSAGES_PER_WRITER = 2_500;
    static final int THREADS_PER_WRITER = 10;

    final ChatFixtures fixtures = new ChatFixtures(database.dataSource());

    @Test
    @Timeout(240)
    void twoNodesEachHandOverEveryChangeOnceInEachWritersOrderWhileTheirListenersAreKilled() throws Exception {
        int[][] threads = new int[WRITERS][THREADS_PER_WRITER];
        for (int w = 0; w < WRITERS; w++) {
            for (int t = 0; t < THREADS_PER_WRITER; t++) {
                threads[w][t] = fixtures.student("Student " + w + "-" + t);
            }
        }
        long start = ChangeLog.end(database.dataSource());
        Node nodeA = new Node("chaos-a");
        Node nodeB = new Node("chaos-b");

        AtomicInteger kills = new AtomicInteger();
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
        killer.scheduleAtFixedRate(() -> kills.addAndGet((int) fixtures.count("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE application_name IN ('chatsync:chaos-a:listener', 'chatsync:chaos-b:listener')""")),
                200, 200, TimeUnit.MILLISECONDS);

        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<Integer>> readChanges = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int[] own = threads[w];
            readChanges.add(writers.submit(() -> write(own)));
        }
        int expectedReads = 0;
        for (Future<Integer> reads : readChanges) {
            expectedReads += reads.get(180, TimeUnit.SECONDS);
        }
        writers.shutdown();
        killer.shutdown();
        assertThat(killer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        List<Long> committed = ChangeLog.positionsAfter(database.dataSource(), start);
        assertThat(committed).hasSize(WRITERS * MESSAGES_PER_WRITER + expectedReads);
        assertThat(kills.get()).as("listener backends terminated").isGreaterThanOrEqualTo(4);

        for (Node node : List.of(nodeA, nodeB)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> node.delivery.count() >= committed.size());
            node.feed.stop();

            assertThat(node.delivery.positions()).as(node.name + ": every committed change once")
                    .containsExactlyInAnyOrderElementsOf(committed);
            assertEachWritersOrder(node.name, node.delivery.received(), threads);
            assertThat(node.delivery.messages()).hasSize(WRITERS * MESSAGES_PER_WRITER);
            assertThat(node.delivery.reads()).hasSize(expectedReads);
            assertThat(node.meters.counter("chatsync.feed.reconnects", "node", node.name).count())
                    .as(node.name + ": reconnects").isGreaterThanOrEqualTo(2);
            assertPerThreadOrder(node.delivery.messages());
        }
    }

    /** Writes this writer's share, one autocommitted insert at a time; returns the read-flag changes it made. */
    private Integer write(int[] threads) throws SQLException {
        int readChanges = 0;
        Map<Integer, Integer> sequence = new HashMap<>();
        try (Connection connection = database.connection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO chats (user_id, sender, message) VALUES (?, ?, ?)");
                PreparedStatement read = connection.prepareStatement("UPDATE chats SET read_by_teacher = true "
                        + "WHERE user_id = ? AND sender = 'student' AND NOT read_by_teacher")) {
            for (int i = 0; i < MESSAGES_PER_WRITER; i++) {
                int thread = threads[i % threads.length];
                int next = sequence.merge(thread, 1, Integer::sum);
                insert.setInt(1, thread);
                insert.setString(2, i % 3 == 0 ? "teacher" : "student");
                insert.setString(3, thread + ":" + next);
                insert.executeUpdate();
                if (i % 50 == 49) {
                    read.setInt(1, thread);
                    readChanges += read.executeUpdate();
                }
            }
        }
        return readChanges;
    }

    /**
     * Each writer commits one change after another, and every change takes its position after the writer's
     * previous one committed: a writer's changes must arrive in position order, whatever the other writers did.
     */
    private static void assertEachWritersOrder(String node, List<ChatChange> received, int[][] threads) {
        Map<Integer, Integer> writerOf = new HashMap<>();
        for (int w = 0; w < threads.length; w++) {
            for (int thread : threads[w]) {
                writerOf.put(thread, w);
            }
        }
        Map<Integer, Long> lastPosition = new HashMap<>();
        for (ChatChange change : received) {
            int thread = change instanceof ChatChange.MessageAdded added ? added.message().thread().value()
                    : ((ChatChange.ReadFlagsChanged) change).thread().value();
            int writer = writerOf.get(thread);
            assertThat(change.position().value()).as(node + ": writer " + writer + "'s changes in order")
                    .isGreaterThan(lastPosition.getOrDefault(writer, 0L));
            lastPosition.put(writer, change.position().value());
        }
    }

    /** Each thread's messages were written in sequence by one writer, so they must arrive in that sequence. */
    private static void assertPerThreadOrder(List<ChatChange.MessageAdded> messages) {
        Map<Integer, Integer> lastSeen = new HashMap<>();
        Set<Integer> chatIds = new HashSet<>();
        for (ChatChange.MessageAdded added : messages) {
            String[] parts = added.message().body().split(":");
            int thread = Integer.parseInt(parts[0]);
            int sequence = Integer.parseInt(parts[1]);
            assertThat(thread).isEqualTo(added.message().thread().value());
            assertThat(sequence).as("thread " + thread).isEqualTo(lastSeen.getOrDefault(thread, 0) + 1);
            lastSeen.put(thread, sequence);
            assertThat(chatIds.add(added.message().id().value())).isTrue();
        }
    }

    private static final class Node {
        final String name;
        final RecordingDelivery delivery = new RecordingDelivery();
        final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        final FeedSupervisor feed;

        Node(String name) {
            this.name = name;
            ChangeFeedSettings settings = ChangeFeedSettings.of(name, database.url(), null, null)
                    .withBackoff(Duration.ofMillis(10), Duration.ofMillis(200))
                    .withPollInterval(Duration.ofMillis(200));
            feed = new FeedSupervisor(settings, RecordingDelivery.ROWS, delivery, meters, Clock.systemUTC());
            feed.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> feed.state() == ChangeFeedState.LISTENING);
        }
    }
}
