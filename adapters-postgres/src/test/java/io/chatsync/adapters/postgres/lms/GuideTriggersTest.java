package io.chatsync.adapters.postgres.lms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.GuideTriggerSql;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import java.sql.Connection;
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

/** A site that followed the guide: its triggers beside chatsync's, found, turned off and on again on purpose. */
@Timeout(60)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuideTriggersTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    static ChatFixtures fixtures;
    static GuideTriggers triggers;

    @BeforeAll
    static void aSiteThatFollowedTheGuide() throws SQLException {
        try (Connection connection = database.connection(); Statement sql = connection.createStatement()) {
            sql.execute(GuideTriggerSql.INSTALL);
            // A trigger of the site's that has nothing to do with notifications stays out of it.
            sql.execute("CREATE TABLE chat_audit (chat_id integer)");
            sql.execute("""
                    CREATE FUNCTION lms_audit_chat() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN INSERT INTO chat_audit VALUES (NEW.chat_id); RETURN NEW; END $$""");
            sql.execute("CREATE TRIGGER lms_chat_audit AFTER INSERT ON chats "
                    + "FOR EACH ROW EXECUTE FUNCTION lms_audit_chat()");
        }
        fixtures = new ChatFixtures(database.dataSource());
        triggers = new GuideTriggers(database.dsl());
    }

    @Test
    @Order(1)
    void theGuidesTriggersAreFoundWhateverTheyAreCalledAndOnlyThey() {
        assertThat(triggers.find()).containsExactly(
                new GuideTrigger("lms_chat_after_insert", "public.lms_notify_new_chat", true),
                new GuideTrigger("lms_chat_after_read", "public.lms_notify_chat_read", true));
    }

    @Test
    @Order(2)
    void besideChatsyncsTriggerALegacyListenerGetsEachChangeTwiceUntilTheyAreTurnedOffAndTwiceAgainAfterTheUndo()
            throws SQLException {
        int student = fixtures.student("Yen Lam");
        try (Connection listener = database.connection(); Statement listen = listener.createStatement()) {
            listen.execute("LISTEN chat_messages");
            listen.execute("LISTEN chat_messages_read");

            int first = fixtures.message(student, "student", "while both triggers notify");
            assertThat(notified(listener, 2)).as("each legacy channel's notification arrives twice").hasSize(2);

            assertThat(turn("chat_disable_guide_triggers")).containsExactly("lms_chat_after_insert",
                    "lms_chat_after_read");
            assertThat(triggers.find()).noneMatch(GuideTrigger::enabled);
            fixtures.message(student, "student", "chatsync's trigger alone");
            fixtures.update("UPDATE chats SET read_by_teacher = true WHERE chat_id = ?", first);
            List<PGNotification> once = notified(listener, 2);
            assertThat(once).extracting(PGNotification::getName).containsExactly("chat_messages", "chat_messages_read");
            assertThat(once.get(0).getParameter()).contains("\"chat_id\"", "\"user_id\"", "\"sender\"");
            assertThat(fixtures.count("SELECT count(*) FROM chat_audit")).as("the site's other trigger still runs")
                    .isEqualTo(2);

            assertThat(turn("chat_enable_guide_triggers")).hasSize(2);
            fixtures.message(student, "student", "both again");
            assertThat(notified(listener, 2)).hasSize(2);
        }
    }

    private static List<String> turn(String function) throws SQLException {
        List<String> turned = new ArrayList<>();
        try (Connection connection = database.connection(); Statement sql = connection.createStatement();
                var rows = sql.executeQuery("SELECT * FROM " + function + "()")) {
            while (rows.next()) {
                turned.add(rows.getString(1));
            }
        }
        return turned;
    }

    /**
     * The notifications {@code listener} gets, once {@code expected} arrived and a round trip later brought no more.
     */
    private static List<PGNotification> notified(Connection listener, int expected) throws SQLException {
        List<PGNotification> received = new ArrayList<>();
        PGConnection notifications = listener.unwrap(PGConnection.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            PGNotification[] batch = notifications.getNotifications(100);
            if (batch != null) {
                received.addAll(List.of(batch));
            }
            return received.size() >= expected;
        });
        PGNotification[] more = notifications.getNotifications(200);
        if (more != null) {
            received.addAll(List.of(more));
        }
        return received;
    }
}
