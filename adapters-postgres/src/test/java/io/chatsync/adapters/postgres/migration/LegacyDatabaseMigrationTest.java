package io.chatsync.adapters.postgres.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsync.adapters.postgres.ChatsyncMigrations;
import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.LegacySchema;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * An lms_ecenter database as the legacy backends left it: their tables, their columns, rows with ids, and no
 * Flyway history. Migrating it must keep every row and add only what chatsync needs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LegacyDatabaseMigrationTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.empty();

    static final String GUIDE_TEST_INSERT = "INSERT INTO chats (user_id, sender, message, read_by_student, "
            + "read_by_teacher, created_at) VALUES (1, 'student', 'Test message', true, false, NOW());";

    static ChatFixtures fixtures;

    @BeforeAll
    static void legacySchemaWithRows() throws SQLException {
        try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
            statement.execute(LegacySchema.WITH_ROWS);
        }
        fixtures = new ChatFixtures(database.dataSource());
    }

    @Test
    @Order(1)
    void migratingKeepsEveryRowIdAndColumn() throws SQLException {
        List<String> rowsBefore = rows("SELECT chat_id || ':' || user_id || ':' || message || ':' || created_at "
                + "FROM chats ORDER BY chat_id");
        List<String> columnsBefore = columns();

        ChatsyncMigrations.migrate(database.dataSource());

        assertThat(rows("SELECT chat_id || ':' || user_id || ':' || message || ':' || created_at "
                + "FROM chats ORDER BY chat_id")).isEqualTo(rowsBefore).hasSize(3);
        assertThat(rows("SELECT user_id || ':' || email || ':' || role FROM users ORDER BY user_id"))
                .containsExactly("1:an@lms.example:student", "2:binh@lms.example:student",
                        "40:co.lan@lms.example:teacher");
        // Existing columns stay exactly as they were; the only additions are nullable.
        List<String> columnsAfter = columns();
        assertThat(columnsAfter).containsAll(columnsBefore);
        assertThat(columnsAfter.stream().filter(column -> !columnsBefore.contains(column)))
                .containsExactlyInAnyOrder("chats.posted_by:character varying:YES:",
                        "chats.idempotency_key:character varying:YES:");
    }

    @Test
    @Order(2)
    void triggersAreInstalledUnderTheNamesTheGuideLooksFor() throws SQLException {
        List<String> triggers = rows("""
                SELECT trigger_name || ':' || event_manipulation || ':' || event_object_table
                FROM information_schema.triggers
                WHERE trigger_name LIKE 'chat_message%'
                ORDER BY 1""");

        assertThat(triggers).containsExactly("chat_message_inserted:INSERT:chats", "chat_message_read_changed:UPDATE:chats");
    }

    @Test
    @Order(3)
    @Timeout(30)
    void theGuidesTestInsertNotifiesAPlainLegacyListener() throws SQLException {
        try (Connection listener = database.connection(); Connection writer = database.connection()) {
            try (Statement listen = listener.createStatement()) {
                listen.execute("LISTEN chat_messages");
                listen.execute("LISTEN chat_messages_read");
            }
            try (Statement insert = writer.createStatement()) {
                insert.execute(GUIDE_TEST_INSERT);
            }
            String inserted = awaitNotification(listener, "chat_messages");

            assertThat(inserted).contains("\"chat_id\" : 206", "\"user_id\" : 1", "\"sender\" : \"student\"");

            try (Statement read = writer.createStatement()) {
                read.execute("UPDATE chats SET read_by_teacher = true WHERE chat_id = 206");
            }
            String read = awaitNotification(listener, "chat_messages_read");

            assertThat(read).contains("\"chat_id\" : 206", "\"user_id\" : 1", "\"read_by_student\" : true",
                    "\"read_by_teacher\" : true");
        }
    }

    @Test
    @Order(4)
    void migratingAgainChangesNothing() {
        long changes = fixtures.count("SELECT count(*) FROM chat_changes");

        assertThat(ChatsyncMigrations.migrate(database.dataSource()).migrationsExecuted).isZero();
        assertThat(fixtures.count("SELECT count(*) FROM chats")).isEqualTo(4);
        assertThat(fixtures.count("SELECT count(*) FROM chat_changes")).isEqualTo(changes);
    }

    private static String awaitNotification(Connection listener, String channel) throws SQLException {
        PGConnection pg = listener.unwrap(PGConnection.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            PGNotification[] notifications = pg.getNotifications(500);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    if (notification.getName().equals(channel)) {
                        return notification.getParameter();
                    }
                }
            }
        }
        throw new AssertionError("no notification on " + channel + " within 10 s");
    }

    private static List<String> columns() throws SQLException {
        return rows("""
                SELECT table_name || '.' || column_name || ':' || data_type || ':' || is_nullable
                       || ':' || coalesce(column_default, '')
                FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name IN ('users', 'chats')
                ORDER BY table_name, ordinal_position""");
    }

    private static List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.connection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
