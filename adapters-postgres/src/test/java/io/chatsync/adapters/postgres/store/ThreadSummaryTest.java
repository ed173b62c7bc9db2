package io.chatsync.adapters.postgres.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.application.conversations.Conversation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The conversation summary agrees with {@code chats} exactly, under concurrent writers, readers marking read,
 * corrections that delete or move rows, and while it is filled on a database that had rows before it counted.
 */
@Timeout(120)
class ThreadSummaryTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    static final int THREADS = 8;

    /** Each thread's summary as chats itself says it should be, and as chat_threads has it. */
    static final String TRUTH = """
            SELECT user_id, max(chat_id),
                   count(*) FILTER (WHERE sender = 'student' AND NOT read_by_teacher),
                   count(*) FILTER (WHERE sender = 'teacher' AND NOT read_by_student)
            FROM chats GROUP BY user_id ORDER BY user_id""";

    static final String SUMMARY = """
            SELECT user_id, last_chat_id, unread_by_staff, unread_by_student FROM chat_threads ORDER BY user_id""";

    final ChatFixtures fixtures = new ChatFixtures(database.dataSource());
    final List<Integer> students = new ArrayList<>();

    @BeforeEach
    void studentsAndAFilledSummary() {
        fixtures.update("DELETE FROM chats");
        for (int i = 0; i < THREADS; i++) {
            students.add(fixtures.student("Summary " + i));
        }
        ThreadSummary summary = new ThreadSummary(database.dsl());
        await().atMost(Duration.ofSeconds(10)).until(summary::fill);
    }

    List<List<Long>> rows(String sql) {
        return database.dsl().resultQuery(sql).fetch().stream()
                .map(row -> List.of(row.get(0, Long.class), row.get(1, Long.class), row.get(2, Long.class),
                        row.get(3, Long.class)))
                .toList();
    }

    @Test
    void concurrentWritersReadersAndCorrectionsLeaveEveryCountExact() throws Exception {
        runWriters(6, 150);

        assertThat(rows(SUMMARY)).isNotEmpty().containsExactlyElementsOf(rows(TRUTH));
    }

    /**
     * A message moved from one thread to another locks both threads' summaries when it commits. Two corrections
     * moving messages in opposite directions at once must not wait on each other: each takes the lower thread's
     * summary first.
     */
    @Test
    void messagesMovedBothWaysAtOnceNeverDeadlock() throws Exception {
        int first = students.get(0);
        int second = students.get(1);
        for (int i = 0; i < 40; i++) {
            fixtures.update("INSERT INTO chats (user_id, sender, message) VALUES (?, 'student', 'm')", first);
            fixtures.update("INSERT INTO chats (user_id, sender, message) VALUES (?, 'teacher', 'm')", second);
        }
        // Read marks change with the move: a summary counted by both the read trigger and the move's recount.
        String move = "UPDATE chats SET user_id = ?, read_by_student = NOT read_by_student, "
                + "read_by_teacher = NOT read_by_teacher "
                + "WHERE chat_id = (SELECT min(chat_id) FROM chats WHERE user_id = ?)";
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier together = new CyclicBarrier(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int[] direction : new int[][] {{first, second}, {second, first}}) {
                done.add(pool.submit(() -> {
                    try (Connection connection = database.connection()) {
                        together.await(10, TimeUnit.SECONDS);
                        for (int i = 0; i < 300; i++) {
                            execute(connection, move, direction[1], direction[0]);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> mover : done) {
                mover.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // One of the two threads may have been emptied by the moves; the summary agrees either way.
        assertThat(rows(SUMMARY)).isNotEmpty().containsExactlyElementsOf(rows(TRUTH));
    }

    @Test
    void fillingADatabaseThatHadRowsBeforeItCountedIsExactWhileWritersWrite() throws Exception {
        runWriters(2, 40);
        // As on an LMS database migrated with years of messages: chats has rows, the summary none of them.
        fixtures.update("DELETE FROM chat_threads");
        fixtures.update("UPDATE chat_thread_summary SET complete = false");
        ThreadSummary summary = new ThreadSummary(database.dsl());
        assertThat(summary.complete()).isFalse();

        ExecutorService filling = Executors.newSingleThreadExecutor();
        try {
            Future<?> filled = filling.submit(() -> await().atMost(Duration.ofSeconds(30)).until(summary::fill));
            runWriters(4, 80);
            filled.get(60, TimeUnit.SECONDS);
        } finally {
            filling.shutdownNow();
        }

        assertThat(summary.complete()).isTrue();
        assertThat(rows(SUMMARY)).containsExactlyElementsOf(rows(TRUTH));
    }

    @Test
    void theConversationListIsTheSameFromTheSummaryAsFromChats() throws Exception {
        runWriters(2, 60);
        PostgresChatStore fromSummary = new PostgresChatStore(database.dsl(), new ChatRowReader(ZoneOffset.UTC),
                new ThreadSummary(database.dsl()));
        List<Conversation> summarised = fromSummary.loadByNewestActivity(null, 5);
        fixtures.update("UPDATE chat_thread_summary SET complete = false");
        try {
            PostgresChatStore fromChats = new PostgresChatStore(database.dsl(), new ChatRowReader(ZoneOffset.UTC),
                    new ThreadSummary(database.dsl()));
            assertThat(fromChats.loadByNewestActivity(null, 5)).isEqualTo(summarised);
            assertThat(fromChats.loadByNewestActivity(summarised.get(4).lastMessage().id(), 5))
                    .isEqualTo(fromSummary.loadByNewestActivity(summarised.get(4).lastMessage().id(), 5));
        } finally {
            fixtures.update("UPDATE chat_thread_summary SET complete = true");
        }
    }

    /** {@code writers} connections, {@code operations} each: posts, reads, and now and then a correction. */
    void runWriters(int writers, int operations) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                done.add(pool.submit(() -> {
                    write(operations);
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void write(int operations) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Connection connection = database.connection()) {
            for (int i = 0; i < operations; i++) {
                int student = students.get(random.nextInt(students.size()));
                int roll = random.nextInt(100);
                if (roll < 60) {
                    execute(connection, "INSERT INTO chats (user_id, sender, message) VALUES (?, ?, 'm')", student,
                            random.nextBoolean() ? "student" : "teacher");
                } else if (roll < 85) {
                    execute(connection, random.nextBoolean()
                            ? "UPDATE chats SET read_by_teacher = true WHERE user_id = ? AND sender = 'student'"
                            : "UPDATE chats SET read_by_student = true WHERE user_id = ? AND sender = 'teacher'",
                            student);
                } else if (roll < 92) {
                    execute(connection, "DELETE FROM chats WHERE chat_id = (SELECT max(chat_id) FROM chats "
                            + "WHERE user_id = ?)", student);
                } else {
                    execute(connection, "UPDATE chats SET user_id = ?, read_by_student = NOT read_by_student "
                            + "WHERE chat_id = (SELECT min(chat_id) FROM chats WHERE user_id = ?)",
                            students.get(random.nextInt(students.size())), student);
                }
            }
        }
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
