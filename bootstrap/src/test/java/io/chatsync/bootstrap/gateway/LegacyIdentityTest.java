package io.chatsync.bootstrap.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.bootstrap.testing.ChatsyncNodes;
import io.chatsync.bootstrap.testing.NodeClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Legacy identity, for sites whose clients cannot send a token yet: the port decides staff or student, and a
 * student names themselves as the legacy clients did. Even then, no student hears of another's thread.
 */
@Timeout(120)
class LegacyIdentityTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    @Test
    void legacyClientsNameThemselvesAndStillOnlyHearTheirOwnThread() throws Exception {
        ChatFixtures fixtures = new ChatFixtures(database.dataSource());
        int byAuth = fixtures.student("Khoa Auth");
        int byQuery = fixtures.student("Lan Query");
        int byJoin = fixtures.student("Mai Join");
        try (ChatsyncNodes nodes = new ChatsyncNodes(); NodeClients clients = new NodeClients()) {
            ChatsyncNodes.Node node = nodes.start("legacy", database.url(),
                    "--chatsync.gateway.legacy-identity=students,staff",
                    "--chatsync.gateway.legacy-staff-networks=127.0.0.0/8");
            clients.connect("auth", node.studentUrl(), Map.of("auth", Map.of("userId", byAuth),
                    "transports", List.of("websocket")));
            clients.connect("query", node.studentUrl(), Map.of("query", Map.of("userId", String.valueOf(byQuery)),
                    "transports", List.of("polling")));
            clients.connect("join", node.studentUrl(), Map.of("transports", List.of("websocket")));
            clients.connect("dashboard", node.staffUrl(), Map.of("transports", List.of("websocket")));
            for (String name : List.of("auth", "query", "join", "dashboard")) {
                clients.awaitConnected(name);
            }

            JSONObject anonymous = clients.emitWithAck("join", "message:send", new JSONObject().put("message", "hi"));
            assertThat(anonymous.getJSONObject("error").getString("code")).isEqualTo("not_identified");
            assertThat(clients.emitWithAck("join", "join", byJoin).getBoolean("ok")).isTrue();
            assertThat(clients.emitWithAck("join", "join", byAuth).getJSONObject("error").getString("code"))
                    .isEqualTo("forbidden");

            for (String name : List.of("auth", "query", "join")) {
                assertThat(clients.emitWithAck(name, "message:send", new JSONObject().put("message", "from " + name))
                        .getBoolean("ok")).isTrue();
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> clients.events("dashboard", "message:new").size() == 3);
            for (Map.Entry<String, Integer> own : Map.of("auth", byAuth, "query", byQuery, "join", byJoin).entrySet()) {
                clients.awaitRecord(own.getKey(), record -> "message:new".equals(record.optString("event")));
                assertThat(clients.events(own.getKey(), "message:new")).singleElement()
                        .satisfies(event -> assertThat(event.getJSONArray("args").getJSONObject(0).getInt("user_id"))
                                .isEqualTo(own.getValue()));
            }
        }
    }
}
