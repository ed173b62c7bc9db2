package io.chatsync.adapters.postgres.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsync.adapters.postgres.ChatsyncMigrations;
import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.LegacySchema;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The documented two-step for an LMS database with a big {@code chats}: the operator runs
 * {@code db/prepare/big-chats-table.sql} (indexes built {@code CONCURRENTLY}, writers going on), and chatsync's
 * migrations then build nothing on {@code chats}: they only add to the catalog and to tables of their own.
 */
@Timeout(120)
class BigChatsTableTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.empty();

    static final String INDEXES = """
            SELECT string_agg(indexrelid::regclass::text || ':' || indexrelid, ',' ORDER BY indexrelid::regclass::text)
            FROM pg_index WHERE indrelid = 'chats'::regclass""";

    @Test
    void afterThePreparationTheMigrationsBuildNothingOnChatsAndKeepEveryRow() throws Exception {
        try (Connection connection = database.connection(); Statement sql = connection.createStatement()) {
            sql.execute(LegacySchema.WITH_ROWS);
            sql.execute("""
                    INSERT INTO chats (user_id, sender, message, read_by_student, read_by_teacher, created_at)
                    SELECT 1 + n % 2, CASE WHEN n % 3 = 0 THEN 'teacher' ELSE 'student' END, 'old message ' || n,
                           n % 5 = 0, n % 4 = 0, now() - n * interval '1 minute'
                    FROM generate_series(1, 50000) AS n""");
            for (String statement : statements(prepareScript())) {
                sql.execute(statement);
            }
        }
        ChatFixtures fixtures = new ChatFixtures(database.dataSource());
        String indexesBefore = database.dsl().resultQuery(INDEXES).fetchOne(0, String.class);
        long rowsBefore = fixtures.count("SELECT count(*) FROM chats");

        assertThat(ChatsyncMigrations.migrate(database.dataSource()).success).isTrue();

        assertThat(database.dsl().resultQuery(INDEXES).fetchOne(0, String.class))
                .as("the indexes on chats, by name and object id: none built by the migrations")
                .isEqualTo(indexesBefore)
                .contains("chats_thread_idx", "chats_unread_by_teacher_idx", "chats_unread_by_student_idx",
                        "chats_idempotency_idx");
        assertThat(fixtures.count("SELECT count(*) FROM chats")).isEqualTo(rowsBefore);
        assertThat(fixtures.count("SELECT count(*) FROM pg_index WHERE indrelid = 'chats'::regclass AND NOT indisvalid"))
                .as("no index left invalid by an interrupted concurrent build").isZero();
    }

    private static String prepareScript() throws IOException {
        try (InputStream script = BigChatsTableTest.class.getResourceAsStream("/db/prepare/big-chats-table.sql")) {
            return new String(Objects.requireNonNull(script, "db/prepare/big-chats-table.sql").readAllBytes(),
                    StandardCharsets.UTF_8);
        }
    }

    /** The script's statements, comments left out: each runs on its own, as psql runs them. */
    private static List<String> statements(String script) {
        String code = script.lines().filter(line -> !line.startsWith("--")).reduce("", (a, b) -> a + "\n" + b);
        return Arrays.stream(code.split(";")).map(String::trim).filter(statement -> !statement.isEmpty()).toList();
    }
}
