package io.chatsync.adapters.postgres.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

class EmptyDatabaseMigrationTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    final ChatFixtures fixtures = new ChatFixtures(database.dataSource());

    @Test
    void anEmptyDatabaseGetsTheLegacyTablesAndTheChangeLog() {
        assertThat(fixtures.count("""
                SELECT count(*) FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_name IN ('users', 'chats', 'chat_changes')""")).isEqualTo(3);
    }

    @Test
    void everyInsertAndEveryReadFlagChangeIsLoggedInCommitOrder() {
        int student = fixtures.student("Chi");
        int first = fixtures.message(student, "student", "hello");
        int second = fixtures.message(student, "teacher", "hi");
        fixtures.update("UPDATE chats SET read_by_teacher = true WHERE chat_id = ?", first);
        fixtures.update("UPDATE chats SET message = 'edited' WHERE chat_id = ?", second);
        fixtures.update("UPDATE chats SET read_by_student = read_by_student WHERE chat_id = ?", second);

        assertThat(fixtures.count("SELECT count(*) FROM chat_changes WHERE user_id = ?", student)).isEqualTo(3);
        assertThat(fixtures.count("""
                SELECT count(*) FROM chat_changes
                WHERE user_id = ? AND kind = 'read' AND chat_id = ? AND read_by_teacher""", student, first)).isEqualTo(1);
        assertThat(fixtures.count("""
                SELECT count(*) FROM (SELECT position, lag(position) OVER (ORDER BY position) AS previous
                                      FROM chat_changes WHERE user_id = ?) p
                WHERE previous IS NOT NULL AND position <= previous""", student)).isZero();
    }

    @Test
    void theLogTriggerResolvesNothingThroughTheWritersSearchPath() throws SQLException {
        // The trigger runs with its owner's rights, so a writer must not be able to slip it their own log table,
        // sequence function or operator by putting a schema of theirs first.
        int student = fixtures.student("Giang");
        PGNotification[] notified;
        try (Connection writer = database.connection(); Statement sql = writer.createStatement()) {
            sql.execute("CREATE SCHEMA shadow");
            sql.execute("CREATE TABLE shadow.chat_changes (LIKE public.chat_changes)");
            sql.execute("CREATE SEQUENCE shadow.chat_change_position");
            sql.execute("""
                    CREATE FUNCTION shadow.trap(text, text) RETURNS boolean LANGUAGE plpgsql
                    AS $$ BEGIN RAISE EXCEPTION 'the shadow operator ran'; END $$""");
            sql.execute("CREATE OPERATOR shadow.= (LEFTARG = text, RIGHTARG = text, FUNCTION = shadow.trap)");
            sql.execute("CREATE OPERATOR shadow.<> (LEFTARG = text, RIGHTARG = text, FUNCTION = shadow.trap)");
            // A lease of the writer's own, far in the future, would make the trigger notify whatever the setting.
            sql.execute("CREATE SEQUENCE shadow.chat_feed_listening_until START 9000000000000");
            sql.execute("SELECT nextval('shadow.chat_feed_listening_until')");
            sql.execute("""
                    CREATE FUNCTION shadow.nextval(regclass) RETURNS bigint LANGUAGE plpgsql
                    AS $$ BEGIN RAISE EXCEPTION 'the shadow nextval ran'; END $$""");
            sql.execute("SET search_path = shadow, pg_catalog, public");
            // With legacy notifications off the trigger also reads the wake-up lease.
            sql.execute("SET chatsync.legacy_notifications = off");
            sql.execute("LISTEN chat_messages");

            sql.execute("INSERT INTO public.chats (user_id, sender, message) VALUES (" + student
                    + ", 'student', 'through a hostile search path')");
            sql.execute("UPDATE public.chats SET read_by_teacher = true WHERE user_id = " + student);
            // A session hears its own notifications, with the reply to the statement whose commit sent them.
            notified = writer.unwrap(PGConnection.class).getNotifications();
        }

        assertThat(fixtures.count("SELECT count(*) FROM public.chat_changes WHERE user_id = ?", student))
                .isEqualTo(2);
        assertThat(fixtures.count("SELECT count(*) FROM shadow.chat_changes")).isZero();
        assertThat(notified).as("notifications to the writer, who holds no lease the trigger reads").isNullOrEmpty();
    }

    @Test
    void aSenderOtherThanStudentOrTeacherIsRefusedOnANewDatabase() {
        int student = fixtures.student("Dung");

        assertThatThrownBy(() -> fixtures.message(student, "admin", "hi"))
                .rootCause().hasMessageContaining("chats_sender_check");
        assertThat(fixtures.count("SELECT count(*) FROM chats WHERE user_id = ?", student)).isZero();
    }
}
