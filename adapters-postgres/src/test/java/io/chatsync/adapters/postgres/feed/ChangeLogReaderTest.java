package io.chatsync.adapters.postgres.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.application.delivery.ChatChange;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which changes one read of the log returns, with writers whose transactions overlap in every way: the rules the
 * feed's "each change exactly once" rests on, checked read by read.
 */
@Timeout(60)
class ChangeLogReaderTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    final ChatFixtures fixtures = new ChatFixtures(database.dataSource());
    final ChangeLogReader reader = new ChangeLogReader(RecordingDelivery.ROWS);
    final ExecutorService blocked = Executors.newSingleThreadExecutor();
    Connection connection;
    ChangeLogReader.PreparedRead read;

    @BeforeEach
    void prepare() throws SQLException {
        connection = database.connection();
        read = new ChangeLogReader.PreparedRead(connection);
    }

    @AfterEach
    void close() throws SQLException {
        blocked.shutdownNow();
        read.close();
        connection.close();
    }

    @Test
    void aChangeBelowTheCursorIsReadWhenItsTransactionCommitsAndAGapIsForgottenOnceItsTransactionsEnded()
            throws Exception {
        int student = fixtures.student("An Tran");
        LogCursor cursor;
        try (Connection beforeStart = open(); Connection rolledBack = open()) {
            insert(beforeStart, student, "took its position before the node started, committed after");
            fixtures.message(student, "student", "committed before the node started");
            cursor = reader.start(connection);
            assertThat(cursor.gaps()).isNotEmpty();

            insert(rolledBack, student, "rolled back");
            fixtures.message(student, "student", "committed after the node started");
            ChangeLogReader.Batch first = reader.read(read, cursor, 100);
            assertThat(bodies(first)).containsExactly("committed after the node started");

            beforeStart.commit();
            rolledBack.rollback();
            ChangeLogReader.Batch second = reader.read(read, first.next(), 100);
            assertThat(bodies(second)).containsExactly("took its position before the node started, committed after");
            cursor = reader.bound(read, second.next());
        }

        LogCursor[] latest = {cursor};
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            ChangeLogReader.Batch batch = reader.read(read, latest[0], 100);
            assertThat(batch.rows()).isZero();
            latest[0] = batch.next();
            return latest[0].gaps().isEmpty();
        });
        assertThat(latest[0].after()).isEqualTo(cursor.after());
    }

    @Test
    void aGapIsAwaitedWhileItsTransactionRunsEvenWhenItsIdIsAboveEveryCommittedOne() throws Exception {
        int student = fixtures.student("Dung Ho");
        LogCursor cursor = reader.bound(read, reader.start(connection));
        try (Connection older = open(); Connection younger = open()) {
            // The older transaction takes its id first; the younger one takes its id and then the lower position;
            // the older one commits. Its snapshot's xmax then stops at the younger one's id, which is running.
            update(older, "INSERT INTO users (full_name) VALUES ('gives the older transaction its id')");
            insert(younger, student, "took its position first, committed last");
            insert(older, student, "took its position second, committed first");
            older.commit();

            ChangeLogReader.Batch first = reader.read(read, cursor, 100);
            assertThat(bodies(first)).containsExactly("took its position second, committed first");
            ChangeLogReader.Batch second = reader.read(read, reader.bound(read, first.next()), 100);
            assertThat(second.next().gaps()).as("the younger transaction's position, still awaited").isNotEmpty();

            younger.commit();
            ChangeLogReader.Batch third = reader.read(read, second.next(), 100);
            assertThat(bodies(third)).containsExactly("took its position first, committed last");
        }
    }

    @Test
    void nothingCommittedSinceLeavesTheCursorsPositionWhereItWas() throws SQLException {
        LogCursor cursor = reader.start(connection);
        ChangeLogReader.Batch batch = reader.read(read, cursor, 100);
        assertThat(batch.rows()).isZero();
        assertThat(batch.full()).isFalse();
        assertThat(batch.next().after()).isEqualTo(cursor.after());
        assertThat(batch.next().last()).isEqualTo(cursor.last());
    }

    @Test
    void aFullBatchSaysSoAndTheNextReadGoesOnFromIt() throws Exception {
        int student = fixtures.student("Binh Le");
        LogCursor cursor = reader.start(connection);
        IntStream.rangeClosed(1, 7).forEach(n -> fixtures.message(student, "student", "backlog " + n));

        List<String> handedOver = new ArrayList<>();
        ChangeLogReader.Batch batch = reader.read(read, cursor, 3);
        handedOver.addAll(bodies(batch));
        assertThat(batch.full()).isTrue();
        fixtures.message(student, "teacher", "committed during the backlog");
        while (batch.full()) {
            batch = reader.read(read, batch.next(), 3);
            handedOver.addAll(bodies(batch));
        }
        assertThat(handedOver).containsExactly("backlog 1", "backlog 2", "backlog 3", "backlog 4", "backlog 5",
                "backlog 6", "backlog 7", "committed during the backlog");
        assertThat(reader.read(read, batch.next(), 3).rows()).isZero();
    }

    @Test
    void changesOfOneMessageComeInTheOrderTheirTransactionsCommittedWhateverTheirTransactionIds()
            throws Exception {
        int student = fixtures.student("Chi Pham");
        int message = fixtures.message(student, "teacher", "read, then marked unread");
        LogCursor cursor = reader.start(connection);
        try (Connection older = open(); Connection younger = open()) {
            // The older transaction takes its id first (by writing elsewhere), the younger one updates the row
            // first; the older one waits for the younger one's row lock and commits after it.
            insert(older, fixtures.student("Someone Else"), "gives the older transaction its id");
            update(younger, "UPDATE chats SET read_by_student = true WHERE chat_id = " + message);
            assertThat(transactionId(older)).isLessThan(transactionId(younger));
            Future<?> waiting = blocked.submit(() -> {
                update(older, "UPDATE chats SET read_by_teacher = false WHERE chat_id = " + message);
                older.commit();
                return null;
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> fixtures.count(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'transactionid' AND NOT granted") == 1);
            younger.commit();
            waiting.get(10, TimeUnit.SECONDS);
        }

        ChangeLogReader.Batch batch = reader.read(read, cursor, 100);
        assertThat(batch.changes()).filteredOn(ChatChange.ReadFlagsChanged.class::isInstance)
                .map(ChatChange.ReadFlagsChanged.class::cast)
                .extracting(ChatChange.ReadFlagsChanged::readByTeacher, ChatChange.ReadFlagsChanged::readByStudent)
                .containsExactly(tuple(true, true), tuple(false, true));
        assertThat(batch.changes()).extracting(change -> change.getClass().getSimpleName())
                .containsExactly("MessageAdded", "ReadFlagsChanged", "ReadFlagsChanged");
        List<Long> positions = batch.changes().stream().map(change -> change.position().value()).toList();
        assertThat(positions).isSorted();
    }

    @Test
    void aNodeDoesNotStartOnAPositionSequenceThatHandsOutSeveralValuesAtOnce() {
        fixtures.update("ALTER SEQUENCE chat_change_position CACHE 20");
        try {
            assertThatIllegalStateException().isThrownBy(() -> reader.start(connection))
                    .withMessageContaining("CACHE 20").withMessageContaining("CACHE 1");
        } finally {
            fixtures.update("ALTER SEQUENCE chat_change_position CACHE 1");
        }
    }

    @Test
    void theReadingConnectionDoesNotCompileItsReads() throws SQLException {
        try (Statement statement = connection.createStatement(); var jit = statement.executeQuery("SHOW jit")) {
            jit.next();
            assertThat(jit.getString(1)).isEqualTo("off");
        }
    }

    @Test
    void theReadIsPlannedOnceNotOnEveryRead() throws SQLException {
        int student = fixtures.student("Hoa Vo");
        LogCursor cursor = reader.start(connection);
        for (int n = 0; n < 20; n++) {
            fixtures.message(student, "student", "read " + n);
            ChangeLogReader.Batch batch = reader.read(read, cursor, 100);
            assertThat(bodies(batch)).containsExactly("read " + n);
            cursor = batch.next();
        }
        // The driver prepares a statement on the server from its fifth run; from then on PostgreSQL counts, per
        // prepared statement, the runs it planned afresh (custom) and those it ran on the plan it keeps (generic).
        try (Statement statement = connection.createStatement();
                var plans = statement.executeQuery("SELECT generic_plans, custom_plans FROM pg_prepared_statements"
                        + " WHERE statement LIKE '%pg_snapshot_xmin%'")) {
            assertThat(plans.next()).isTrue();
            assertThat(plans.getLong("custom_plans")).isZero();
            assertThat(plans.getLong("generic_plans")).isGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void aLeaseAwaitsThePositionsHandedOutBeforeItOutlastsShorterOnesAndRunsFromAMillisecondToAnHour() throws Exception {
        int student = fixtures.student("Tam Le");
        fixtures.message(student, "student", "read before the lease");
        LogCursor cursor = reader.start(connection);
        try (Connection open = open()) {
            insert(open, student, "took its position before the lease, committed after");
            long handedOut = fixtures.count("SELECT last_value FROM chat_change_position");

            LogCursor leased = reader.holdLease(read, cursor, 30_000);
            assertThat(leased.after()).isEqualTo(handedOut);
            assertThat(leased.gaps()).containsExactly(new LogCursor.Gap(handedOut, handedOut, LogCursor.UNBOUNDED));
            assertThat(ChangeLog.leaseMillisLeft(database.dataSource())).isBetween(20_000L, 30_000L);

            // A shorter lease taken meanwhile by another node leaves the longer one as it was.
            try (Connection other = database.connection();
                    ChangeLogReader.PreparedRead otherRead = new ChangeLogReader.PreparedRead(other)) {
                assertThat(reader.holdLease(otherRead, leased, 600)).isEqualTo(leased);
                assertThat(ChangeLog.leaseMillisLeft(database.dataSource())).isGreaterThan(20_000L);
            }

            open.commit();
            assertThat(bodies(reader.read(read, leased, 100)))
                    .containsExactly("took its position before the lease, committed after");
        }
        for (long refused : new long[] {-1, 3_600_001}) {
            assertThatThrownBy(() -> reader.holdLease(read, cursor, refused))
                    .hasMessageContaining("a wake-up lease runs from 1 ms to an hour (0 ends it), not " + refused);
        }
    }

    @Test
    void aNodeEndsItsOwnLeaseAndLeavesAnotherNodesAsItWas() throws Exception {
        // No lease left by the connections of other tests.
        fixtures.update("DELETE FROM chat_feed_leases");
        LogCursor cursor = reader.start(connection);
        try (Connection other = database.connection();
                ChangeLogReader.PreparedRead otherRead = new ChangeLogReader.PreparedRead(other)) {
            reader.holdLease(read, cursor, 60_000);
            reader.holdLease(otherRead, cursor, 20_000);
            assertThat(ChangeLog.leaseMillisLeft(database.dataSource())).isBetween(50_000L, 60_000L);

            // The longer lease ends: the other node's, shorter, is what writers read now.
            reader.endLease(read);
            assertThat(ChangeLog.leaseMillisLeft(database.dataSource())).isBetween(10_000L, 20_000L);
            reader.endLease(read);
            assertThat(ChangeLog.leaseMillisLeft(database.dataSource())).isBetween(10_000L, 20_000L);

            reader.endLease(otherRead);
            assertThat(ChangeLog.leaseMillisLeft(database.dataSource())).isNegative();
            assertThat(fixtures.count("SELECT count(*) FROM chat_feed_leases")).isZero();
        }
    }

    private static Connection open() throws SQLException {
        Connection connection = database.connection();
        connection.setAutoCommit(false);
        return connection;
    }

    private static void insert(Connection connection, int student, String body) throws SQLException {
        ChatFixtures.message(connection, student, "student", body);
    }

    private static void update(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long transactionId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                var id = statement.executeQuery("SELECT pg_current_xact_id()::text::bigint")) {
            id.next();
            return id.getLong(1);
        }
    }

    private static List<String> bodies(ChangeLogReader.Batch batch) {
        return batch.changes().stream().filter(ChatChange.MessageAdded.class::isInstance)
                .map(change -> ((ChatChange.MessageAdded) change).message().body()).toList();
    }
}
