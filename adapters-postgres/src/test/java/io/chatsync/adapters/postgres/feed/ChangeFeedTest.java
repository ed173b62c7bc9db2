package io.chatsync.adapters.postgres.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.delivery.FeedPosition;
import io.chatsync.domain.message.BodyPolicy;
import io.chatsync.domain.message.Side;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** One node's feed against live writers: what it hands over, and what it does with its connection. */
@Timeout(60)
class ChangeFeedTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    final ChatFixtures fixtures = new ChatFixtures(database.dataSource());
    final RecordingDelivery delivery = new RecordingDelivery();
    final List<FeedSupervisor> feeds = new ArrayList<>();

    FeedSupervisor startFeed(String node) {
        return startFeed(node, new SimpleMeterRegistry());
    }

    FeedSupervisor startFeed(String node, SimpleMeterRegistry meters) {
        return startFeed(node, meters, Duration.ofMillis(200));
    }

    FeedSupervisor startFeed(String node, SimpleMeterRegistry meters, Duration pollInterval) {
        ChangeFeedSettings settings = ChangeFeedSettings.of(node, database.url(), null, null)
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(500))
                .withPollInterval(pollInterval);
        FeedSupervisor feed = new FeedSupervisor(settings, RecordingDelivery.ROWS, delivery, meters, Clock.systemUTC());
        feeds.add(feed);
        feed.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> feed.state() == ChangeFeedState.LISTENING);
        return feed;
    }

    @AfterEach
    void stopFeeds() throws InterruptedException {
        for (FeedSupervisor feed : feeds) {
            feed.stop();
        }
    }

    @Test
    void aBareLegacyInsertFromAPlainJdbcConnectionArrivesWithTheStudentsProfile() throws Exception {
        int student = fixtures.student("Khanh Do");
        startFeed("feed-bare");

        try (Connection plain = java.sql.DriverManager.getConnection(database.url());
                Statement statement = plain.createStatement()) {
            statement.execute("INSERT INTO chats (user_id, sender, message, read_by_student, read_by_teacher, "
                    + "created_at) VALUES (" + student + ", 'student', 'Test message', true, false, NOW())");
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> delivery.messages().size() == 1);
        ChatChange.MessageAdded added = delivery.messages().get(0);
        assertThat(added.message().body()).isEqualTo("Test message");
        assertThat(added.message().sender()).isEqualTo(Side.STUDENT);
        assertThat(added.message().readByStudent()).isTrue();
        assertThat(added.message().student().fullName()).isEqualTo("Khanh Do");
        assertThat(added.message().student().avatarUrl()).endsWith("khanh-do.png");
    }

    @Test
    void aColumnAddedWhileTheFeedRunsArrivesWithTheNextMessageWithoutAReconnect() {
        int student = fixtures.student("Minh Vo");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        startFeed("feed-new-column", meters);
        // Enough reads for pgjdbc to prepare the read on the server, whose result shape the new column changes.
        for (int i = 1; i <= 6; i++) {
            fixtures.message(student, "student", "before " + i);
            int delivered = i;
            await().atMost(Duration.ofSeconds(10)).until(() -> delivery.messages().size() == delivered);
        }

        fixtures.update("ALTER TABLE chats ADD COLUMN attachment_url text");
        try {
            fixtures.update("INSERT INTO chats (user_id, sender, message, attachment_url) "
                    + "VALUES (?, 'student', 'with a file', 'https://lms.example/f.pdf')", student);

            await().atMost(Duration.ofSeconds(10)).until(() -> delivery.messages().size() == 7);
            assertThat(delivery.messages().get(6).message().siteColumns().values())
                    .containsExactly(java.util.Map.entry("attachment_url", "https://lms.example/f.pdf"));
            assertThat(meters.counter("chatsync.feed.reconnects", "node", "feed-new-column").count()).isZero();
        } finally {
            fixtures.update("ALTER TABLE chats DROP COLUMN attachment_url");
        }
    }

    @Test
    void bodiesOfTheMaximumLengthAndFullOfMultiByteCharactersArriveIntact() {
        int student = fixtures.student("Linh Ha");
        startFeed("feed-long");
        // 4,000 three-byte characters: 12,000 bytes, more than a NOTIFY payload may carry.
        String longest = "ễ".repeat(BodyPolicy.DEFAULT_MAX_LENGTH);
        String mixed = "\uD83D\uDE00 Chào cô, em là Linh \uD83C\uDDFB\uD83C\uDDF3 — 漢字 — العربية";

        fixtures.message(student, "student", longest);
        fixtures.message(student, "teacher", mixed);

        await().atMost(Duration.ofSeconds(10)).until(() -> delivery.messages().size() == 2);
        assertThat(delivery.messages()).extracting(added -> added.message().body()).containsExactly(longest, mixed);
    }

    @Test
    void readFlagChangesArriveWithTheFlagsTheyWroteAndUnchangedUpdatesDoNot() {
        int student = fixtures.student("Minh Vu");
        int first = fixtures.message(student, "student", "one");
        int second = fixtures.message(student, "student", "two");
        startFeed("feed-read");

        fixtures.update("UPDATE chats SET read_by_teacher = true WHERE user_id = ?", student);
        fixtures.update("UPDATE chats SET read_by_teacher = true WHERE user_id = ?", student);
        fixtures.update("UPDATE chats SET message = 'edited' WHERE chat_id = ?", first);

        await().atMost(Duration.ofSeconds(10)).until(() -> delivery.reads().size() == 2);
        assertThat(delivery.reads()).extracting(read -> read.chat().value(), ChatChange.ReadFlagsChanged::readByTeacher)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(first, true),
                        org.assertj.core.groups.Tuple.tuple(second, true));
        assertThat(delivery.messages()).isEmpty();
    }

    @Test
    void aTransactionThatTookAnIdEarlyAndCommitsLateIsStillHandedOver() throws Exception {
        int student = fixtures.student("Nam Ly");
        startFeed("feed-late");

        try (Connection late = database.connection(); Connection early = database.connection()) {
            late.setAutoCommit(false);
            int lateId;
            try (Statement statement = late.createStatement();
                    var id = statement.executeQuery("SELECT nextval(pg_get_serial_sequence('chats', 'chat_id'))")) {
                id.next();
                lateId = id.getInt(1);
            }
            // A later id commits first and is handed over...
            int earlyId = fixtures.message(student, "student", "later id, committed first");
            await().atMost(Duration.ofSeconds(10)).until(() -> delivery.messages().size() == 1);
            assertThat(earlyId).isGreaterThan(lateId);

            // ...then the smaller id commits, after the cursor has moved past the larger one.
            try (PreparedStatement insert = late.prepareStatement("INSERT INTO chats (chat_id, user_id, sender, "
                    + "message) VALUES (?, ?, 'teacher', 'smaller id, committed last')")) {
                insert.setInt(1, lateId);
                insert.setInt(2, student);
                insert.executeUpdate();
            }
            late.commit();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> delivery.messages().size() == 2);
        assertThat(delivery.messages()).extracting(added -> added.message().body())
                .containsExactly("later id, committed first", "smaller id, committed last");
    }

    @Test
    void writersDoNotWaitForAnOpenOneWhoseMessageArrivesWhenItCommits() throws Exception {
        int student = fixtures.student("Oanh Bui");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        startFeed("feed-open", meters);
        Supplier<Double> gaps = () -> meters.get("chatsync.feed.gaps").gauge().value();
        ExecutorService writers = Executors.newSingleThreadExecutor();
        try (Connection open = database.connection()) {
            open.setAutoCommit(false);
            try (Statement statement = open.createStatement()) {
                statement.execute("INSERT INTO chats (user_id, sender, message) VALUES (" + student
                        + ", 'student', 'first insert, committed last')");
            }
            // Another writer commits while the first transaction is open, and its message arrives meanwhile.
            Future<Integer> second = writers.submit(
                    () -> fixtures.message(student, "teacher", "second insert, committed first"));
            assertThat(second.get(10, TimeUnit.SECONDS)).isPositive();
            await().atMost(Duration.ofSeconds(10)).until(() -> delivery.messages().size() == 1);
            assertThat(delivery.messages().get(0).message().body()).isEqualTo("second insert, committed first");
            // The open transaction's position, below the second one's, is awaited.
            await().atMost(Duration.ofSeconds(10)).until(() -> gaps.get() == 1.0);

            open.commit();
        } finally {
            writers.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> delivery.messages().size() == 2);
        assertThat(delivery.messages()).extracting(added -> added.message().body())
                .containsExactly("second insert, committed first", "first insert, committed last");
        await().atMost(Duration.ofSeconds(10)).until(() -> gaps.get() == 0.0);
    }

    @Test
    void aRowThatBreaksTheModelIsSkippedAndTheFeedGoesOn() throws Exception {
        int student = fixtures.student("Quoc Legacy");
        startFeed("feed-unreadable");
        // A legacy schema may lack the sender CHECK; here it is dropped to write what such a database can hold.
        fixtures.update("ALTER TABLE chats DROP CONSTRAINT chats_sender_check");
        try {
            fixtures.message(student, "admin", "a sender the model does not know");
            fixtures.message(student, "student", "the next message");

            await().atMost(Duration.ofSeconds(10)).until(() -> delivery.messages().size() == 1);
            assertThat(delivery.messages().get(0).message().body()).isEqualTo("the next message");
        } finally {
            fixtures.update("DELETE FROM chats WHERE sender = 'admin'");
            fixtures.update("ALTER TABLE chats ADD CONSTRAINT chats_sender_check "
                    + "CHECK (sender IN ('student', 'teacher'))");
        }
    }

    @Test
    void aNewNodeStartsAtTheEndOfTheLogAndStopsWithoutLeavingItsConnection() throws Exception {
        int student = fixtures.student("Phuc Tang");
        fixtures.message(student, "student", "before the node started");
        FeedSupervisor feed = startFeed("feed-stop");
        fixtures.message(student, "student", "after the node started");
        await().atMost(Duration.ofSeconds(10)).until(() -> delivery.messages().size() == 1);

        assertThat(fixtures.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?",
                "chatsync:feed-stop:listener")).isEqualTo(1);
        feed.stop();

        assertThat(delivery.messages()).extracting(added -> added.message().body())
                .containsExactly("after the node started");
        assertThat(feed.position()).contains(new FeedPosition(ChangeLog.end(database.dataSource())));
        await().atMost(Duration.ofSeconds(10)).until(() -> fixtures.count(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name IN (?, ?)",
                "chatsync:feed-stop:listener", "chatsync:feed-stop:feed-reader") == 0);
    }

    @Test
    void aLostReaderConnectionIsReplacedAndNothingCommittedMeanwhileIsMissed() throws Exception {
        int student = fixtures.student("Lan Vo");
        startFeed("reader-loss");
        fixtures.message(student, "student", "before");
        await().atMost(Duration.ofSeconds(10)).until(() -> delivery.messages().size() == 1);

        assertThat(fixtures.count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE application_name = ?", "chatsync:reader-loss:feed-reader")).isEqualTo(1);
        fixtures.message(student, "student", "while the reader was gone");
        fixtures.message(student, "student", "after");

        await().atMost(Duration.ofSeconds(20)).until(() -> delivery.messages().size() == 3);
        assertThat(delivery.messages()).extracting(added -> added.message().body())
                .containsExactly("before", "while the reader was gone", "after");
        await().atMost(Duration.ofSeconds(10)).until(() -> fixtures.count(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?",
                "chatsync:reader-loss:feed-reader") == 1);
    }

    @Test
    void underASteadyStreamTheFeedStopsListeningAndListensAgainOnceTheStreamEnds() throws Exception {
        int student = fixtures.student("Quang Ho");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // A lease of three poll intervals, renewed every half of one: left alone, it would run at least 5 s more.
        startFeed("feed-stream", meters, Duration.ofSeconds(2));
        Supplier<Double> listening = () -> meters.get("chatsync.feed.listening").tag("node", "feed-stream")
                .gauge().value();
        Supplier<Double> notifications = () -> meters.get("chatsync.feed.notifications").tag("node", "feed-stream")
                .counter().count();
        assertThat(listening.get()).isEqualTo(1.0);

        AtomicBoolean streaming = new AtomicBoolean(true);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<Integer> written = writer.submit(() -> stream(student, "stream", streaming));
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> listening.get() == 0.0);
            // Reading on a schedule, the node ends its wake-up lease at once, so writers without legacy listeners
            // to serve stop notifying (a notifying commit waits for the others' turns).
            await("the wake-up lease to end").atMost(Duration.ofSeconds(2)).until(() -> !leaseHeld());
        } finally {
            streaming.set(false);
            writer.shutdown();
        }
        int count = written.get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).until(() -> delivery.messages().size() == count);
        assertThat(delivery.messages()).extracting(added -> added.message().body())
                .containsExactlyElementsOf(IntStream.range(0, count).mapToObj(n -> "stream " + n).toList());

        await().atMost(Duration.ofSeconds(10)).until(() -> listening.get() == 1.0);
        double notifiedBefore = notifications.get();
        // Listening again, the node has taken its lease again: a writer without legacy listeners notifies.
        try (Connection off = withoutLegacyListeners()) {
            ChatFixtures.message(off, student, "student", "after the stream");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> delivery.messages().size() == count + 1);
        await("a notification on the listening connection").atMost(Duration.ofSeconds(10))
                .until(() -> notifications.get() > notifiedBefore);
    }

    @Test
    void aFeedWhoseHandOverOutlastsTheReadSpacingStillStopsListeningUnderASteadyStream() throws Exception {
        int student = fixtures.student("Tuan Pham");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // Every read and its hand-over then take longer than the spacing (5 ms), as on a busy machine, so each
        // wake-up arrives while the read before it still runs, never after the spacing has passed.
        delivery.takesAtLeast(ChangeFeedSettings.DEFAULT_READ_SPACING.multipliedBy(3));
        startFeed("feed-slow-hand-over", meters);
        Supplier<Double> listening = () -> meters.get("chatsync.feed.listening").tag("node", "feed-slow-hand-over")
                .gauge().value();
        assertThat(listening.get()).isEqualTo(1.0);

        AtomicBoolean streaming = new AtomicBoolean(true);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<Integer> written = writer.submit(() -> stream(student, "busy", streaming));
        try {
            await("the feed to read on a schedule").atMost(Duration.ofSeconds(20))
                    .until(() -> listening.get() == 0.0);
        } finally {
            streaming.set(false);
            writer.shutdown();
        }
        int count = written.get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> delivery.messages().size() == count);
        assertThat(delivery.messages()).extracting(added -> added.message().body())
                .containsExactlyElementsOf(IntStream.range(0, count).mapToObj(n -> "busy " + n).toList());
    }

    /** Inserts messages "{@code prefix} 0", "{@code prefix} 1", … one commit each while {@code streaming}. */
    int stream(int student, String prefix, AtomicBoolean streaming) throws SQLException {
        int count = 0;
        try (Connection connection = database.connection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO chats (user_id, sender, message) VALUES (?, 'student', ?)")) {
            insert.setInt(1, student);
            while (streaming.get()) {
                insert.setString(2, prefix + " " + count);
                insert.executeUpdate();
                count++;
            }
        }
        return count;
    }

    /** Whether some node's wake-up lease runs now, on the database's clock. */
    boolean leaseHeld() throws SQLException {
        return ChangeLog.leaseMillisLeft(database.dataSource()) > 0;
    }

    /** Ends every wake-up lease, as if the nodes that held them had stopped long ago. */
    void endLeases() throws SQLException {
        try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM chat_feed_leases");
            statement.execute("SELECT setval('chat_feed_listening_until', 1)");
        }
    }

    /** A connection whose writes tell the trigger that no legacy backend is left to notify. */
    Connection withoutLegacyListeners() throws SQLException {
        Connection connection = database.connection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET chatsync.legacy_notifications = off");
        }
        return connection;
    }

    private static final Pattern CHAT_ID = Pattern.compile("\"chat_id\" : (\\d+)");

    /** The chat ids notified on {@code channel}, as a legacy backend listening there would have them. */
    static List<Integer> notifiedIds(List<PGNotification> received, String channel) {
        return received.stream().filter(notification -> notification.getName().equals(channel))
                .map(notification -> CHAT_ID.matcher(notification.getParameter()))
                .filter(Matcher::find).map(chatId -> Integer.parseInt(chatId.group(1))).toList();
    }

    /** Reads notifications on {@code listener} until one names {@code chatId}, within ten seconds. */
    static List<PGNotification> notificationsUntil(Connection listener, int chatId) throws SQLException {
        List<PGNotification> received = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!notifiedIds(received, "chat_messages").contains(chatId)) {
            assertThat(System.nanoTime()).as("a notification for chat " + chatId).isLessThan(deadline);
            PGNotification[] batch = listener.unwrap(PGConnection.class).getNotifications(100);
            if (batch != null) {
                received.addAll(List.of(batch));
            }
        }
        return received;
    }

    @Test
    void legacyBackendsAreNotifiedOfEveryChangeUnlessTheWritersSessionSaysNoneIsLeft() throws Exception {
        int student = fixtures.student("Hoa Lam");
        endLeases();
        try (Connection listener = database.connection(); Connection off = withoutLegacyListeners();
                Connection unknown = database.connection(); Statement listen = listener.createStatement()) {
            listen.execute("LISTEN chat_messages");
            listen.execute("LISTEN chat_messages_read");
            try (Statement statement = unknown.createStatement()) {
                statement.execute("SET chatsync.legacy_notifications = 'maybe'");
            }

            int notified = fixtures.message(student, "student", "a default session's message");
            int quiet = ChatFixtures.message(off, student, "student",
                    "a message no legacy backend needs to hear of");
            try (Statement statement = off.createStatement()) {
                statement.execute("UPDATE chats SET read_by_teacher = true WHERE chat_id = " + notified);
            }
            int notifiedToo = ChatFixtures.message(unknown, student, "student",
                    "a setting the trigger does not know keeps them on");
            // Notifications arrive in commit order: once the last one is here, the others would have been too.
            int last = fixtures.message(student, "student", "the last message");

            List<PGNotification> received = notificationsUntil(listener, last);
            assertThat(notifiedIds(received, "chat_messages")).containsExactly(notified, notifiedToo, last)
                    .doesNotContain(quiet);
            assertThat(notifiedIds(received, "chat_messages_read")).isEmpty();
        }
        assertThat(fixtures.count("SELECT count(*) FROM chat_changes WHERE user_id = ?", student))
                .as("every change is logged all the same").isEqualTo(5);
    }

    @Test
    void whileANodeWaitsForNotificationsEveryWriterNotifiesAndTheNodeWakesAtOnce() throws Exception {
        int student = fixtures.student("Kim Ta");
        endLeases();
        // A poll interval far longer than the wait below: only a notification can wake the node in time.
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        startFeed("feed-lease", meters, Duration.ofSeconds(10));
        // Nothing else to wait for: no gap, which the node would poll for, and its lease taken.
        await().atMost(Duration.ofSeconds(5)).until(() -> leaseHeld()
                && meters.get("chatsync.feed.gaps").gauge().value() == 0.0);

        try (Connection listener = database.connection(); Connection off = withoutLegacyListeners();
                Statement listen = listener.createStatement()) {
            listen.execute("LISTEN chat_messages");
            int chat = ChatFixtures.message(off, student, "student", "a message while a node waits");

            await().atMost(Duration.ofSeconds(3)).until(() -> delivery.messages().size() == 1);
            assertThat(delivery.messages().get(0).message().id().value()).isEqualTo(chat);
            assertThat(notifiedIds(notificationsUntil(listener, chat), "chat_messages")).containsExactly(chat);
        }
    }

    @Test
    void aWriterThatFoundNoLeaseIsAwaitedByTheNodeThatTakesOneAndArrivesWithoutANotification() throws Exception {
        int student = fixtures.student("Vy Mai");
        endLeases();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Connection listener = database.connection(); Connection off = withoutLegacyListeners();
                Statement listen = listener.createStatement()) {
            listen.execute("LISTEN chat_messages");
            off.setAutoCommit(false);
            // The trigger runs now, finds no lease and sends nothing; the transaction commits only later.
            int chat = ChatFixtures.message(off, student, "student",
                    "written before the node's lease, committed after it");

            startFeed("feed-fence", meters, Duration.ofSeconds(10));
            // Its lease taken, the node awaits every position handed out so far: the open writer's one.
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> meters.get("chatsync.feed.gaps").gauge().value() == 1.0);
            off.commit();

            await().atMost(Duration.ofSeconds(3)).until(() -> delivery.messages().size() == 1);
            assertThat(delivery.messages().get(0).message().id().value()).isEqualTo(chat);
            int marker = fixtures.message(student, "student", "a default session's message");
            assertThat(notifiedIds(notificationsUntil(listener, marker), "chat_messages")).containsExactly(marker);
        }
    }
}
