package io.chatsync.bootstrap.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsync.adapters.postgres.testing.GuideTriggerSql;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.bootstrap.testing.ChatsyncNodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node on a database that still has the guide's triggers says so in readiness, with what to run. */
@Timeout(60)
class GuideTriggersReadinessTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    @Test
    void readinessNamesTheGuidesTriggersAndWhatToRunAndStaysUp() throws Exception {
        try (Connection connection = database.connection(); Statement sql = connection.createStatement()) {
            sql.execute(GuideTriggerSql.INSTALL);
        }
        try (ChatsyncNodes nodes = new ChatsyncNodes()) {
            ChatsyncNodes.Node node = nodes.start("guide-triggers", database.url());
            String port = node.context().getEnvironment().getProperty("local.management.port");

            HttpResponse<String> readiness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());

            JSONObject guide = new JSONObject(readiness.body()).getJSONObject("components")
                    .getJSONObject("guideTriggers");
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
            assertThat(guide.getString("status")).isEqualTo("UP");
            JSONObject details = guide.getJSONObject("details");
            assertThat(details.getJSONArray("enabled").toList())
                    .containsExactly("lms_chat_after_insert", "lms_chat_after_read");
            assertThat(details.getJSONObject("run").getString("turnOff"))
                    .isEqualTo("SELECT * FROM chat_disable_guide_triggers();");
            assertThat(details.getJSONObject("run").getString("undo"))
                    .isEqualTo("SELECT * FROM chat_enable_guide_triggers();");
        }
    }
}
