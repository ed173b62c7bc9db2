package io.chatsync.bootstrap.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.adapters.socketio.gateway.ConnectedSockets;
import io.chatsync.adapters.socketio.gateway.Refusals;
import io.chatsync.bootstrap.testing.ChatsyncNodes;
import io.chatsync.bootstrap.testing.NodeClients;
import io.chatsync.bootstrap.testing.RawWebSocket;
import io.chatsync.bootstrap.testing.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** Who gets in, how many, and how an operator puts someone out again. */
@Timeout(120)
class AdmissionTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void oneAddressMayHoldOnlySoManyConnectionsWithoutACONNECT() throws Exception {
        ChatFixtures fixtures = new ChatFixtures(database.dataSource());
        int student = fixtures.student("Tam Cap");
        try (ChatsyncNodes nodes = new ChatsyncNodes()) {
            ChatsyncNodes.Node node = nodes.start("strangers", database.url(),
                    "--chatsync.gateway.strangers-per-address=3");
            List<RawWebSocket> strangers = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    RawWebSocket stranger = RawWebSocket.open(node.studentUrl());
                    stranger.awaitFrame("0{");
                    strangers.add(stranger);
                }
                RawWebSocket fourth = RawWebSocket.open(node.studentUrl());
                strangers.add(fourth);

                assertThat(fourth.awaitClosed(Duration.ofSeconds(10))).isEqualTo(1013);
                assertThat(node.context().getBean(Refusals.class).count("strangers-per-address")).isEqualTo(1);

                // One of them signs in: it is no stranger any more, and makes room for another.
                strangers.get(0).send("40{\"token\":\"" + Tokens.student(student) + "\"}").awaitFrame("40");
                RawWebSocket fifth = RawWebSocket.open(node.studentUrl());
                strangers.add(fifth);
                assertThat(fifth.awaitFrame("0{")).contains("sid");
                assertThat(fifth.isClosed()).isFalse();
            } finally {
                strangers.forEach(RawWebSocket::close);
            }
        }
    }

    @Test
    void aUserOverTheirSocketsLosesTheOldestNotTheNewest() throws Exception {
        ChatFixtures fixtures = new ChatFixtures(database.dataSource());
        int student = fixtures.student("Uyen Phones");
        try (ChatsyncNodes nodes = new ChatsyncNodes(); NodeClients clients = new NodeClients()) {
            ChatsyncNodes.Node node = nodes.start("per-user", database.url(),
                    "--chatsync.gateway.sockets-per-user=2");
            for (String name : List.of("first", "second", "third")) {
                clients.connectWithToken(name, node.studentUrl(), Tokens.student(student));
                clients.awaitConnected(name);
            }

            clients.awaitRecord("first", record -> "disconnect".equals(record.optString("type")));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> node.context().getBean(ConnectedSockets.class).size() == 2);
            assertThat(clients.emitWithAck("third", "message:send", new JSONObject().put("message", "newest"))
                    .getBoolean("ok")).isTrue();
            assertThat(clients.matching(record -> "second".equals(record.optString("name"))
                    && "disconnect".equals(record.optString("type")))).isEmpty();
        }
    }

    @Test
    void legacyIdentityOnTheStaffPortWithoutSayingWhoMayUseItDoesNotStart() {
        try (ChatsyncNodes nodes = new ChatsyncNodes()) {
            assertThatThrownBy(() -> nodes.start("open-staff", database.url(),
                    "--chatsync.gateway.legacy-identity=staff"))
                    .hasStackTraceContaining("would make any stranger staff")
                    .hasStackTraceContaining("chatsync.gateway.legacy-staff-networks");
        }
    }

    @Test
    void legacyStaffFromOutsideTheAllowedNetworksIsRefused() throws Exception {
        try (ChatsyncNodes nodes = new ChatsyncNodes(); NodeClients clients = new NodeClients()) {
            ChatsyncNodes.Node node = nodes.start("legacy-staff", database.url(),
                    "--chatsync.gateway.legacy-identity=staff",
                    "--chatsync.gateway.legacy-staff-networks=10.99.0.0/16");
            clients.connect("outsider", node.staffUrl(), Map.of("auth", Map.of("userId", "teacher-x"),
                    "transports", List.of("websocket")));

            assertThat(clients.awaitRecord("outsider", record -> "connect_error".equals(record.optString("type")))
                    .getString("message")).contains("only from the networks its operator allows");
        }
    }

    @Test
    void anOperatorCutsAUserOffOnEveryNodeAndTheirOldTokenStaysRefused() throws Exception {
        ChatFixtures fixtures = new ChatFixtures(database.dataSource());
        int banned = fixtures.student("Vy Banned");
        int other = fixtures.student("Xuan Other");
        try (ChatsyncNodes nodes = new ChatsyncNodes(); NodeClients clients = new NodeClients()) {
            ChatsyncNodes.Node a = nodes.start("cut-a", database.url());
            ChatsyncNodes.Node b = nodes.start("cut-b", database.url());
            String token = Tokens.student(banned);
            clients.connectWithToken("on-a", a.studentUrl(), token);
            clients.connectWithToken("on-b", b.studentUrl(), token);
            clients.connectWithToken("bystander", b.studentUrl(), Tokens.student(other));
            for (String name : List.of("on-a", "on-b", "bystander")) {
                clients.awaitConnected(name);
            }

            HttpResponse<String> cut = HTTP.send(HttpRequest.newBuilder(URI.create(management(a)
                    + "/actuator/cutoffs/student/" + banned)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(cut.statusCode()).as(cut.body()).isEqualTo(200);
            assertThat(new JSONObject(cut.body()).getInt("disconnectedHere")).isEqualTo(1);
            clients.awaitRecord("on-a", record -> "disconnect".equals(record.optString("type")));
            clients.awaitRecord("on-b", record -> "disconnect".equals(record.optString("type")));
            clients.connectWithToken("again", b.studentUrl(), token);
            assertThat(clients.awaitRecord("again", record -> "connect_error".equals(record.optString("type")))
                    .getString("message")).contains("cut off");
            HttpResponse<String> api = HTTP.send(HttpRequest.newBuilder(URI.create(a.staffUrl()
                    + "/api/threads/" + banned + "/messages")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isEqualTo(401);
            assertThat(clients.emitWithAck("bystander", "message:send", new JSONObject().put("message", "still on"))
                    .getBoolean("ok")).isTrue();
        }
    }

    @Test
    void anHttpFloodIsAnsweredWith429AndStoresNothingMore() throws Exception {
        ChatFixtures fixtures = new ChatFixtures(database.dataSource());
        int student = fixtures.student("Yen Http");
        try (ChatsyncNodes nodes = new ChatsyncNodes()) {
            ChatsyncNodes.Node node = nodes.start("http-flood", database.url(), "--chatsync.limits.post.burst=3",
                    "--chatsync.limits.post.per-minute=1");
            List<Integer> statuses = new ArrayList<>();
            HttpResponse<String> last = null;
            for (int i = 0; i < 6; i++) {
                last = HTTP.send(HttpRequest.newBuilder(URI.create(node.staffUrl() + "/api/threads/" + student
                                + "/messages"))
                        .header("Authorization", "Bearer " + Tokens.student(student))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"post " + i + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                statuses.add(last.statusCode());
            }

            assertThat(statuses.subList(0, 3)).allMatch(status -> status / 100 == 2);
            assertThat(statuses.subList(3, 6)).containsOnly(429);
            assertThat(last.headers().firstValue("Retry-After")).isPresent();
            assertThat(new JSONObject(last.body()).getString("type")).endsWith("/rate-limited");
            assertThat(fixtures.count("SELECT count(*) FROM chats WHERE user_id = ?", student)).isEqualTo(3);
        }
    }

    private static String management(ChatsyncNodes.Node node) {
        int port = ((WebServerApplicationContext) node.context()).getWebServer().getPort();
        String property = node.context().getEnvironment().getProperty("local.management.port");
        return "http://127.0.0.1:" + (property == null ? port : Integer.parseInt(property));
    }
}
