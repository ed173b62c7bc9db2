package io.chatsync.adapters.postgres.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsync.adapters.postgres.ChatsyncMigrations;
import io.chatsync.adapters.postgres.feed.LogPruner;
import io.chatsync.adapters.postgres.lms.GuideTriggers;
import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.GuideTriggerSql;
import io.chatsync.adapters.postgres.testing.LegacySchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The oldest and the newest PostgreSQL chatsync supports (the build's {@code postgres.oldest-supported} and
 * {@code postgres.newest-supported}), each started here from its own server binaries: a legacy LMS database with
 * rows migrates, its log, summary, guide triggers and pruning work. (The rest of the suite runs on the machine's
 * server or the embedded default, docs/operations.md.)
 */
@Timeout(180)
class PostgresVersionsTest {

    static Stream<Path> servers() throws IOException {
        Path directory = Path.of(System.getProperty("chatsync.postgres-servers", "target/postgres-servers"));
        List<Path> jars;
        try (Stream<Path> files = Files.list(directory)) {
            jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        }
        assertThat(jars).as("the oldest and the newest supported servers in " + directory).hasSize(2);
        return jars.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aLegacyDatabaseMigratesAndEveryPartOfTheSchemaWorks(Path serverJar) throws Exception {
        try (ZipFile binaries = new ZipFile(serverJar.toFile());
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setPgBinaryResolver((system, hardware) -> open(binaries))
                        .setOverrideWorkingDirectory(Files.createTempDirectory("chatsync-pg-").toFile())
                        .start()) {
            DataSource database = postgres.getPostgresDatabase();
            try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
                sql.execute(LegacySchema.WITH_ROWS);
                sql.execute(GuideTriggerSql.INSTALL);
            }

            assertThat(ChatsyncMigrations.migrate(database).success).isTrue();

            ChatFixtures fixtures = new ChatFixtures(database);
            var dsl = DSL.using(database, SQLDialect.POSTGRES);
            String release = serverJar.getFileName().toString().replaceAll(".*-(\\d+)\\.\\d+\\.\\d+\\.jar$", "$1");
            assertThat(fixtures.count("SELECT current_setting('server_version_num')::int / 10000"))
                    .as("the server running is " + serverJar.getFileName()).isEqualTo(Long.parseLong(release));
            assertThat(new GuideTriggers(dsl).find()).hasSize(2);
            try (Connection listener = database.getConnection(); Statement listen = listener.createStatement()) {
                listen.execute("LISTEN chat_messages");
                int chat = fixtures.message(1, "student", "on this server");
                await().atMost(Duration.ofSeconds(10)).until(() -> received(listener) >= 1);
                assertThat(fixtures.count("SELECT count(*) FROM chat_changes WHERE chat_id = ?", chat)).isEqualTo(1);
            }
            assertThat(fixtures.count("""
                    SELECT count(*) FROM (SELECT chat_thread_recount(user_id) FROM (SELECT DISTINCT user_id FROM chats) t) r
                    """)).isPositive();
            assertThat(fixtures.count("""
                    SELECT count(*) FROM chat_threads t
                    WHERE unread_by_staff <> (SELECT count(*) FROM chats c WHERE c.user_id = t.user_id
                                              AND c.sender = 'student' AND NOT c.read_by_teacher)""")).isZero();
            fixtures.message(1, "teacher", "the newest change, which pruning keeps");
            fixtures.update("UPDATE chat_changes SET recorded_at = now() - interval '2 days'");
            assertThat(new LogPruner(dsl, Duration.ofDays(1), 100).prune()).isEqualTo(1);
            assertThat(fixtures.count("SELECT count(*) FROM chat_changes")).isEqualTo(1);
        }
    }

    private static int received(Connection listener) throws SQLException {
        PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(100);
        return notifications == null ? 0 : notifications.length;
    }

    private static InputStream open(ZipFile binaries) throws IOException {
        return binaries.getInputStream(binaries.getEntry("postgres-linux-x86_64.txz"));
    }
}
