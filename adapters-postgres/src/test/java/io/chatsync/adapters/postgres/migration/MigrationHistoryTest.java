package io.chatsync.adapters.postgres.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatsync.adapters.postgres.ChatsyncMigrations;
import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the migration history does when a function changes, and when a database predates the rewritten history. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationHistoryTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    @Test
    @Order(1)
    void aChangedFunctionIsAppliedAgainAndEveryWriteIsStillLoggedOnce() {
        ChatFixtures fixtures = new ChatFixtures(database.dataSource());
        // As if every repeatable migration had been edited since it last ran.
        long repeatables = fixtures.count("SELECT count(*) FROM flyway_schema_history WHERE script LIKE 'R\\_\\_%'");
        fixtures.update("UPDATE flyway_schema_history SET checksum = 0 WHERE script LIKE 'R\\_\\_%'");

        assertThat(repeatables).isGreaterThanOrEqualTo(2);
        assertThat(ChatsyncMigrations.migrate(database.dataSource()).migrationsExecuted).isEqualTo((int) repeatables);

        int student = fixtures.student("Hoa");
        int chat = fixtures.message(student, "student", "after the function changed");
        fixtures.update("UPDATE chats SET read_by_teacher = true WHERE chat_id = ?", chat);
        assertThat(fixtures.count("SELECT count(*) FROM chat_changes WHERE user_id = ?", student)).isEqualTo(2);
        assertThat(database.dsl().resultQuery("""
                SELECT tgname FROM pg_trigger WHERE tgrelid = 'chats'::regclass AND NOT tgisinternal
                ORDER BY tgname""").fetch(0, String.class))
                .as("each trigger once").containsExactly("chat_message_inserted", "chat_message_read_changed",
                        "chat_thread_counted", "chat_thread_read_counted", "chat_thread_row_deleted",
                        "chat_thread_row_moved", "chat_threads_emptied");
    }

    @Test
    @Order(2)
    void aDatabaseOfADevelopmentBuildBeforeTheRewriteIsRefusedSayingToRecreateIt() {
        ChatFixtures fixtures = new ChatFixtures(database.dataSource());
        // The history such a build left: its V3 was the change log, with another checksum.
        fixtures.update("""
                UPDATE flyway_schema_history SET script = 'V3__chat_change_log.sql', checksum = 1
                WHERE version = '3'""");

        assertThatThrownBy(() -> ChatsyncMigrations.migrate(database.dataSource()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("recreate the database");
    }
}
