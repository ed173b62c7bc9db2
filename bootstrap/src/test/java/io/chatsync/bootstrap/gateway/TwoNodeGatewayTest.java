package io.chatsync.bootstrap.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.bootstrap.testing.ChatsyncNodes;
import io.chatsync.bootstrap.testing.NodeClients;
import io.chatsync.bootstrap.testing.Tokens;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two chatsync nodes on one database, and the official socket.io-client v4 (Node.js): what the legacy clients
 * see, without the legacy leaks.
 */
@Timeout(120)
class TwoNodeGatewayTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    static final ChatsyncNodes nodes = new ChatsyncNodes();
    static ChatsyncNodes.Node nodeA;
    static ChatsyncNodes.Node nodeB;
    static ChatFixtures fixtures;

    @BeforeAll
    static void twoNodes() {
        nodeA = nodes.start("node-a", database.url());
        nodeB = nodes.start("node-b", database.url());
        fixtures = new ChatFixtures(database.dataSource());
    }

    @AfterAll
    static void stopNodes() {
        nodes.close();
    }

    @Test
    void aStudentsMessageOnNodeAReachesStaffOnNodeBOnceWithTheLegacyPayload() throws Exception {
        int student = fixtures.student("Trang Ho");
        try (NodeClients clients = new NodeClients()) {
            clients.connectWithToken("student", nodeA.studentUrl(), Tokens.student(student));
            clients.connectWithToken("staff", nodeB.staffUrl(), Tokens.staff("teacher-1"));
            clients.awaitConnected("student");
            clients.awaitConnected("staff");

            JSONObject ack = clients.emitWithAck("student", "message:send", new JSONObject().put("message", "Chào cô"));

            assertThat(ack.getBoolean("ok")).as(ack.toString()).isTrue();
            JSONObject stored = ack.getJSONObject("message");
            JSONObject received = clients.awaitRecord("staff", record -> "message:new".equals(record.optString("event")))
                    .getJSONArray("args").getJSONObject(0);
            assertThat(received.similar(stored)).as(received + " vs " + stored).isTrue();
            assertThat(received.keySet()).containsExactlyInAnyOrder("chat_id", "user_id", "sender", "message",
                    "read_by_student", "read_by_teacher", "created_at", "users");
            assertThat(received.getString("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(received.getJSONObject("users").toMap())
                    .isEqualTo(Map.of("user_id", student, "full_name", "Trang Ho",
                            "avatar_url", "https://lms.example/avatars/trang-ho.png"));
            clients.awaitRecord("student", record -> "message:new".equals(record.optString("event")));
            clients.awaitRecord("staff", record -> "users:updated".equals(record.optString("event")));
            assertThat(clients.events("staff", "message:new")).hasSize(1);
            assertThat(clients.events("student", "message:new")).hasSize(1);
        }
    }

    @Test
    void aTeachersReplyAndReadReceiptsTravelBothWays() throws Exception {
        int student = fixtures.student("Uyen Ta");
        try (NodeClients clients = new NodeClients()) {
            clients.connectWithToken("student", nodeB.studentUrl(), Tokens.student(student));
            clients.connectWithToken("teacher", nodeA.staffUrl(), Tokens.staff("teacher-2"));
            clients.awaitConnected("student");
            clients.awaitConnected("teacher");
            assertThat(clients.emitWithAck("teacher", "join", new JSONObject().put("userId", student))
                    .getBoolean("ok")).isTrue();

            JSONObject question = clients.emitWithAck("student", "message:send",
                    new JSONObject().put("message", "Em hỏi bài 3"));
            JSONObject reply = clients.emitWithAck("teacher", "message:send",
                    new JSONObject().put("user_id", student).put("message", "Cô trả lời nhé"));
            assertThat(reply.getJSONObject("message").getString("sender")).isEqualTo("teacher");
            JSONObject arrived = clients.awaitRecord("student", record -> "message:new".equals(record.optString("event"))
                    && "teacher".equals(record.getJSONArray("args").getJSONObject(0).getString("sender")));
            assertThat(arrived.getJSONArray("args").getJSONObject(0).getString("message")).isEqualTo("Cô trả lời nhé");

            JSONObject studentRead = clients.emitWithAck("student", "thread:read", new JSONObject());
            assertThat(studentRead.getJSONArray("marked").toList())
                    .containsExactly(reply.getJSONObject("message").getInt("chat_id"));
            JSONObject receipt = clients.awaitRecord("teacher", record -> "message:read".equals(record.optString("event")))
                    .getJSONArray("args").getJSONObject(0);
            assertThat(receipt.toMap()).isEqualTo(Map.of("messageId", reply.getJSONObject("message").getInt("chat_id"),
                    "read_by_student", true, "read_by_teacher", false));

            clients.emitWithAck("teacher", "thread:read", new JSONObject().put("user_id", student));
            int questionId = question.getJSONObject("message").getInt("chat_id");
            clients.awaitRecord("student", record -> "message:read".equals(record.optString("event"))
                    && record.getJSONArray("args").getJSONObject(0).getInt("messageId") == questionId);
        }
    }

    @Test
    void aPollingOnlyClientWorks() throws Exception {
        int student = fixtures.student("Vinh Quach");
        try (NodeClients clients = new NodeClients()) {
            clients.connect("polling", nodeA.studentUrl(), Map.of("auth", Map.of("token", Tokens.student(student)),
                    "transports", List.of("polling")));
            clients.awaitConnected("polling");

            JSONObject ack = clients.emitWithAck("polling", "message:send", new JSONObject().put("message", "qua polling"));

            assertThat(ack.getBoolean("ok")).isTrue();
            clients.awaitRecord("polling", record -> "message:new".equals(record.optString("event")));
        }
    }

    @Test
    void aClientStartingWithPollingUpgradesToWebSocketAndKeepsWorking() throws Exception {
        int student = fixtures.student("Yen Upgrade");
        try (NodeClients clients = new NodeClients()) {
            clients.connect("upgrading", nodeB.studentUrl(), Map.of("auth", Map.of("token", Tokens.student(student)),
                    "transports", List.of("polling", "websocket")));
            clients.awaitConnected("upgrading");
            clients.awaitRecord("upgrading", record -> "transport".equals(record.optString("type"))
                    && "websocket".equals(record.optString("transport")));

            assertThat(clients.emitWithAck("upgrading", "message:send", new JSONObject().put("message", "upgraded"))
                    .getBoolean("ok")).isTrue();
            clients.awaitRecord("upgrading", record -> "message:new".equals(record.optString("event")));
        }
    }

    @Test
    void aMissingExpiredOrForgedTokenGetsConnectErrorWithTheReason() throws Exception {
        int student = fixtures.student("Xuan Kieu");
        try (NodeClients clients = new NodeClients()) {
            clients.connect("none", nodeA.studentUrl(), Map.of("transports", List.of("websocket")));
            clients.connectWithToken("expired", nodeA.studentUrl(), Tokens.expiredStudent(student));
            clients.connectWithToken("forged", nodeA.studentUrl(), Tokens.forgedStudent(student));
            clients.connectWithToken("wrong-port", nodeA.staffUrl(), Tokens.student(student));
            clients.connect("polling-forged", nodeA.studentUrl(), Map.of("auth",
                    Map.of("token", Tokens.forgedStudent(student)), "transports", List.of("polling")));

            assertThat(connectError(clients, "none")).contains("missing token");
            assertThat(connectError(clients, "expired")).contains("expired");
            assertThat(connectError(clients, "forged")).contains("invalid token");
            assertThat(connectError(clients, "wrong-port")).contains("serves staff");
            assertThat(connectError(clients, "polling-forged")).contains("invalid token");
            assertThat(clients.matching(record -> "connect".equals(record.optString("type")))).isEmpty();
        }
    }

    /** A message:new names its thread; a message:read names a message, which must be one of the student's. */
    private static boolean isForeign(JSONArray args, int student, Set<Integer> ownMessages) {
        if (args.length() == 0) {
            return false;
        }
        JSONObject payload = args.getJSONObject(0);
        if (payload.has("user_id")) {
            return payload.getInt("user_id") != student;
        }
        return payload.has("messageId") && !ownMessages.contains(payload.getInt("messageId"));
    }

    private static String connectError(NodeClients clients, String name) {
        return clients.awaitRecord(name, record -> "connect_error".equals(record.optString("type")))
                .getString("message");
    }

    @Test
    void fiftyStudentsEachReceiveOnlyTheirOwnThreadsEvents() throws Exception {
        int[] students = new int[50];
        for (int i = 0; i < students.length; i++) {
            students[i] = fixtures.student("Student " + i);
        }
        try (NodeClients clients = new NodeClients()) {
            for (int i = 0; i < students.length; i++) {
                ChatsyncNodes.Node node = i % 2 == 0 ? nodeA : nodeB;
                clients.connectWithToken("s" + i, node.studentUrl(), Tokens.student(students[i]));
            }
            clients.connectWithToken("staff", nodeA.staffUrl(), Tokens.staff("teacher-3"));
            for (int i = 0; i < students.length; i++) {
                clients.awaitConnected("s" + i);
            }
            clients.awaitConnected("staff");

            for (int i = 0; i < students.length; i++) {
                clients.emitWithAck("s" + i, "message:send", new JSONObject().put("message", "hello from " + i));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> clients.events("staff", "message:new").size() == 50);

            for (int i = 0; i < students.length; i++) {
                String name = "s" + i;
                int own = students[i];
                clients.awaitRecord(name, record -> "message:new".equals(record.optString("event")));
                Set<Integer> ownMessages = new HashSet<>();
                clients.events(name, "message:new").forEach(event ->
                        ownMessages.add(event.getJSONArray("args").getJSONObject(0).getInt("chat_id")));
                List<JSONObject> foreign = clients.matching(record -> name.equals(record.optString("name"))
                        && "event".equals(record.optString("type"))
                        && isForeign(record.getJSONArray("args"), own, ownMessages));
                assertThat(foreign).as("foreign events received by student " + own).isEmpty();
                assertThat(clients.events(name, "message:new")).hasSize(1);
                // users:updated has no payload to tell whose it is: one for the own change (it may come up to an
                // interval after the message, together with other threads' changes), none for others'.
                clients.awaitRecord(name, record -> "users:updated".equals(record.optString("event")));
                assertThat(clients.events(name, "users:updated")).hasSize(1);
            }
            assertThat(clients.events("staff", "message:new")).hasSize(50);
        }
    }
}
