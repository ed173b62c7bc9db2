package io.chatsync.adapters.postgres.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsync.adapters.postgres.ChatsyncMigrations;
import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL itself stops while messages stream in, and starts again on the same port and data. */
class ChangeFeedAcrossDatabaseRestartTest {

    @TempDir
    Path dataDirectory;

    @Test
    @Timeout(180)
    void afterTheDatabaseComesBackNothingIsMissingOrDoubledAndTheFeedWentDownAndUp() throws Exception {
        int port = freePort();
        EmbeddedPostgres postgres = start(port);
        DataSource dataSource = postgres.getPostgresDatabase();
        ChatsyncMigrations.migrate(dataSource);
        int student = new ChatFixtures(dataSource).student("Quang Mai");

        RecordingDelivery delivery = new RecordingDelivery();
        ChangeFeedSettings settings = ChangeFeedSettings.of("restart", postgres.getJdbcUrl("postgres", "postgres"),
                        null, null)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .withPollInterval(Duration.ofMillis(200));
        FeedSupervisor feed = new FeedSupervisor(settings, RecordingDelivery.ROWS, delivery, new SimpleMeterRegistry(),
                Clock.systemUTC());
        feed.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> feed.state() == ChangeFeedState.LISTENING);

            // A stream of inserts; the database stops under it once the feed is part-way through.
            CompletableFuture<InsertRun> before = CompletableFuture.supplyAsync(() -> insertUntilFailure(dataSource,
                    student, "before", 5_000));
            await().atMost(Duration.ofSeconds(30)).until(() -> delivery.count() >= 200);
            postgres.close();

            await().atMost(Duration.ofSeconds(20)).until(() -> feed.state() != ChangeFeedState.LISTENING);
            InsertRun cut = before.get(30, TimeUnit.SECONDS);
            assertThat((Throwable) cut.stoppedBy()).as("the database stopped under the stream").isNotNull();
            int insertedBefore = cut.inserted();
            assertThat(insertedBefore).isGreaterThanOrEqualTo(200);

            postgres = start(port);
            DataSource restarted = postgres.getPostgresDatabase();
            await().atMost(Duration.ofSeconds(30)).until(() -> feed.state() == ChangeFeedState.LISTENING);
            InsertRun after = insertUntilFailure(restarted, student, "after", 300);
            assertThat((Throwable) after.stoppedBy()).isNull();
            int insertedAfter = after.inserted();

            var committed = ChangeLog.positionsAfter(restarted, 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> delivery.count() >= committed.size());
            feed.stop();

            assertThat(delivery.positions()).containsExactlyElementsOf(committed);
            assertThat(delivery.messages()).filteredOn(added -> added.message().body().startsWith("after"))
                    .hasSize(300);
            assertThat(committed.size()).isGreaterThanOrEqualTo(insertedBefore + insertedAfter);
        } finally {
            feed.stop();
            postgres.close();
        }
    }

    /** How many inserts committed, and the error that ended the stream early, if one did. */
    record InsertRun(int inserted, SQLException stoppedBy) {
    }

    /** Inserts up to {@code count} messages, one transaction each; stops at the first failure. */
    private static InsertRun insertUntilFailure(DataSource dataSource, int student, String label, int count) {
        int inserted = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO chats (user_id, sender, message) VALUES (?, 'student', ?)")) {
            for (int i = 1; i <= count; i++) {
                insert.setInt(1, student);
                insert.setString(2, label + " " + i);
                insert.executeUpdate();
                inserted++;
            }
        } catch (SQLException e) {
            return new InsertRun(inserted, e);
        }
        return new InsertRun(inserted, null);
    }

    private EmbeddedPostgres start(int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
