package io.chatsync.bootstrap.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.adapters.socketio.gateway.ConnectedSockets;
import io.chatsync.adapters.socketio.gateway.Refusals;
import io.chatsync.bootstrap.testing.ChatsyncNodes;
import io.chatsync.bootstrap.testing.NodeClients;
import io.chatsync.bootstrap.testing.RawWebSocket;
import io.chatsync.bootstrap.testing.Tokens;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Attacks on a node, each on loopback and bounded: the attacker is cut off, a legitimate client that could be the
 * one affected is told why, nothing is stored, and the node still delivers to a well-behaved socket.
 */
@Timeout(120)
class HostileClientsTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static ChatsyncNodes nodes;
    private static ChatsyncNodes.Node node;
    private static NodeClients clients;
    private static ChatFixtures fixtures;
    private static int witness;

    @BeforeAll
    static void startNode() throws Exception {
        fixtures = new ChatFixtures(database.dataSource());
        witness = fixtures.student("Nhan Chung");
        nodes = new ChatsyncNodes();
        node = nodes.start("hostile", database.url(), "--chatsync.gateway.connect-timeout=2s",
                "--chatsync.gateway.polling-post-timeout=2s", "--chatsync.gateway.outbox-frames=50",
                "--chatsync.gateway.polling-packets=50",
                "--chatsync.gateway.ping-interval=2s", "--chatsync.gateway.ping-timeout=2s",
                "--chatsync.auth.clock-skew=0s", "--chatsync.limits.post.burst=5",
                "--chatsync.limits.post.per-minute=60");
        clients = new NodeClients();
        clients.connectWithToken("witness", node.studentUrl(), Tokens.student(witness));
        clients.awaitConnected("witness");
    }

    @AfterAll
    static void stopNode() throws Exception {
        clients.close();
        nodes.close();
    }

    /** The well-behaved socket still posts and hears its own message. */
    private static void nodeStillDelivers(String text) {
        assertThat(clients.emitWithAck("witness", "message:send", new JSONObject().put("message", text))
                .getBoolean("ok")).isTrue();
        clients.awaitRecord("witness", record -> "message:new".equals(record.optString("event"))
                && text.equals(record.getJSONArray("args").getJSONObject(0).optString("message")));
    }

    private static double refused(String reason) {
        return node.context().getBean(Refusals.class).count(reason);
    }

    @Test
    void aBinaryEventClaimingAttachmentsBeforeLoginClosesTheConnection() {
        long before = fixtures.count("SELECT count(*) FROM chats");
        try (RawWebSocket attacker = RawWebSocket.open(node.studentUrl())) {
            attacker.awaitFrame("0{");
            attacker.send("451000000-[\"message:send\",{\"_placeholder\":true,\"num\":0}]");

            attacker.awaitClosed(Duration.ofSeconds(10));
        }
        try (RawWebSocket attacker = RawWebSocket.open(node.studentUrl())) {
            attacker.awaitFrame("0{");
            attacker.sendBinary(new byte[64 * 1024]);

            assertThat(attacker.awaitClosed(Duration.ofSeconds(10))).isIn(1003, RawWebSocket.ABORTED);
        }
        assertThat(refused("binary-packet")).isPositive();
        assertThat(refused("binary-frame")).isPositive();
        assertThat(fixtures.count("SELECT count(*) FROM chats")).isEqualTo(before);
        nodeStillDelivers("after binary before login");
    }

    @Test
    void binaryAfterLoginClosesTheConnectionToo() {
        int student = fixtures.student("Oanh Binary");
        long before = fixtures.count("SELECT count(*) FROM chats");
        try (RawWebSocket attacker = RawWebSocket.open(node.studentUrl()).connect(Tokens.student(student))) {
            attacker.send("451-[\"message:send\",{\"_placeholder\":true,\"num\":0}]");
            attacker.awaitClosed(Duration.ofSeconds(10));
        }
        try (RawWebSocket attacker = RawWebSocket.open(node.studentUrl()).connect(Tokens.student(student))) {
            attacker.sendBinary("4hello".getBytes(StandardCharsets.UTF_8));
            assertThat(attacker.awaitClosed(Duration.ofSeconds(10))).isIn(1003, RawWebSocket.ABORTED);
        }
        assertThat(fixtures.count("SELECT count(*) FROM chats")).isEqualTo(before);
        nodeStillDelivers("after binary after login");
    }

    @Test
    void aBinaryPollingPayloadClosesTheSession() throws Exception {
        int student = fixtures.student("Phuc Poll");
        String sid = pollingHandshake();
        assertThat(post(sid, "40" + new JSONObject().put("token", Tokens.student(student))).statusCode())
                .isEqualTo(200);
        String binary = "b" + Base64.getEncoder().encodeToString("451-[\"x\"]".getBytes(StandardCharsets.UTF_8));

        post(sid, binary);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            HttpResponse<String> poll = get(sid);
            return poll.statusCode() == 400 || poll.body().contains("1");
        });
        assertThat(refused("binary-payload")).isPositive();
        nodeStillDelivers("after binary polling");
    }

    @Test
    void anotherNamespaceIsRefusedWithAConnectError() {
        try (RawWebSocket attacker = RawWebSocket.open(node.studentUrl())) {
            attacker.awaitFrame("0{");
            attacker.send("40/admin,{\"token\":\"" + Tokens.student(witness) + "\"}");

            assertThat(attacker.awaitFrame("44/admin,")).contains("only the main namespace");
            attacker.awaitClosed(Duration.ofSeconds(10));
        }
    }

    @Test
    void aStrangerThatNeverConnectsIsClosedAfterTheConnectTimeout() {
        try (RawWebSocket stranger = RawWebSocket.open(node.studentUrl())) {
            stranger.awaitFrame("0{");

            stranger.awaitClosed(Duration.ofSeconds(10));
            assertThat(refused("connect-timeout")).isPositive();
        }
    }

    @Test
    void aStrangersFrameIsLimitedToWhatACONNECTNeeds() {
        try (RawWebSocket stranger = RawWebSocket.open(node.studentUrl())) {
            stranger.awaitFrame("0{");
            stranger.send("40{\"token\":\"" + "x".repeat(20 * 1024) + "\"}");

            assertThat(stranger.awaitClosed(Duration.ofSeconds(10))).isIn(1009, RawWebSocket.ABORTED);
            assertThat(refused("connect-frame-too-long")).isPositive();
        }
    }

    @Test
    void aPollingPostThatTricklesIsCut() throws Exception {
        String sid = pollingHandshake();
        try (Socket raw = new Socket("127.0.0.1", URI.create(node.studentUrl()).getPort())) {
            OutputStream out = raw.getOutputStream();
            out.write(("POST /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n40")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            raw.setSoTimeout(15_000);
            String status = new BufferedReader(new InputStreamReader(raw.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();

            assertThat(status).startsWith("HTTP/1.1 408");
        }
        assertThat(refused("polling-post-timeout")).isPositive();
        nodeStillDelivers("after a trickling post");
    }

    @Test
    void aPostToASessionTheNodeDoesNotKnowIsAnsweredWithoutReadingItsBody() throws Exception {
        try (Socket raw = new Socket("127.0.0.1", URI.create(node.studentUrl()).getPort())) {
            raw.getOutputStream().write(("POST /socket.io/?EIO=4&transport=polling&sid=no-such-session HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 2000000000\r\n\r\n40")
                    .getBytes(StandardCharsets.US_ASCII));
            raw.getOutputStream().flush();
            raw.setSoTimeout(10_000);
            String status = new BufferedReader(new InputStreamReader(raw.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();

            assertThat(status).startsWith("HTTP/1.1 400");
        }
        nodeStillDelivers("after a post to an unknown session");
    }

    @Test
    void aPollingClientThatNeverPollsAgainIsDisconnected() throws Exception {
        int student = fixtures.student("Quang Idle");
        ConnectedSockets sockets = node.context().getBean(ConnectedSockets.class);
        int connectedBefore = sockets.size();
        String sid = pollingHandshake();
        post(sid, "40" + new JSONObject().put("token", Tokens.student(student)));
        assertThat(get(sid).body()).contains("40");
        await().atMost(Duration.ofSeconds(10)).until(() -> sockets.size() == connectedBefore + 1);

        // It never polls again: what is sent to it waits for a poll, up to its 50 packets (polling-packets).
        for (int i = 0; i < 60; i++) {
            fixtures.message(student, "teacher", "unread " + i);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> sockets.size() == connectedBefore);
        assertThat(refused("polling-backlog") + refused("polling-stopped")).isPositive();
        nodeStillDelivers("after a poller that stopped");
    }

    @Test
    void aFloodOfMessagesIsCutToTheAllowanceAndTheRestStoresNothing() {
        int student = fixtures.student("Rin Flood");
        clients.connectWithToken("flood", node.studentUrl(), Tokens.student(student));
        clients.awaitConnected("flood");
        List<JSONObject> replies = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            replies.add(clients.emitWithAck("flood", "message:send", new JSONObject().put("message", "spam " + i)));
        }

        List<JSONObject> refusedReplies = replies.stream().filter(reply -> !reply.getBoolean("ok")).toList();
        assertThat(refusedReplies).isNotEmpty().allSatisfy(reply -> {
            assertThat(reply.getJSONObject("error").getString("code")).isEqualTo("rate_limited");
            assertThat(reply.getLong("retry_after_ms")).isPositive();
        });
        assertThat(fixtures.count("SELECT count(*) FROM chats WHERE user_id = ?", student))
                .isEqualTo(replies.size() - refusedReplies.size())
                .isBetween(5L, 15L);
        nodeStillDelivers("after a flood");
    }

    @Test
    void aClientThatIgnoresItsRefusalsIsDroppedAfterFiftyInARow() {
        int student = fixtures.student("Sang Ignores");
        clients.connectWithToken("ignores", node.studentUrl(), Tokens.student(student));
        clients.awaitConnected("ignores");

        // Ten at a time, each ten answered before the next: all 80 at once would leave more answers waiting for
        // the client than this node's outbox allows (50 frames), and it would be closed as a slow reader instead.
        Predicate<JSONObject> dropped = record -> "ignores".equals(record.optString("name"))
                && "disconnect".equals(record.optString("type"));
        int sent = 0;
        while (sent < 80 && clients.matching(dropped).isEmpty()) {
            for (int i = 0; i < 10; i++, sent++) {
                clients.emitWithAckNoWait("ignores", "message:send", new JSONObject().put("message", "again " + sent));
            }
            int answered = sent;
            await().atMost(Duration.ofSeconds(10)).until(() -> !clients.matching(dropped).isEmpty()
                    || clients.matching(record -> "ignores".equals(record.optString("name"))
                            && "ack".equals(record.optString("type"))).size() >= answered);
        }

        clients.awaitRecord("ignores", record -> "disconnect".equals(record.optString("type")));
        assertThat(refused("refused-in-a-row")).isPositive();
        // The allowance (5 at once, one a second) is all that was stored.
        assertThat(fixtures.count("SELECT count(*) FROM chats WHERE user_id = ?", student)).isBetween(5L, 10L);
        nodeStillDelivers("after a client that ignored its refusals");
    }

    @Test
    void aTokenThatExpiresWhileConnectedEndsItsConnection() throws Exception {
        int student = fixtures.student("Son Expiry");
        String shortLived = Tokens.sign(Tokens.SECRET, String.valueOf(student), "student", Duration.ofSeconds(3));
        clients.connectWithToken("expiring", node.studentUrl(), shortLived);
        clients.awaitConnected("expiring");

        JSONObject disconnect = clients.awaitRecord("expiring", record -> "disconnect".equals(record.optString("type")));

        // A transport close: the official clients reconnect by themselves, sending their auth again.
        assertThat(disconnect.getString("reason")).isEqualTo("transport close");
        clients.connectWithToken("expired", node.studentUrl(), shortLived);
        assertThat(clients.awaitRecord("expired", record -> "connect_error".equals(record.optString("type")))
                .getString("message")).contains("expired");
    }

    @Test
    void anEventNamedDisconnectClosesTheConnectionInsteadOfEndingTheSocketsDeadline() {
        int student = fixtures.student("Tuan Reserved");
        String shortLived = Tokens.sign(Tokens.SECRET, String.valueOf(student), "student", Duration.ofSeconds(30));
        for (String packet : List.of("42[\"disconnect\",\"io client disconnect\"]",
                "42 [\"disc\\u006fnnect\"]")) {
            try (RawWebSocket attacker = RawWebSocket.open(node.studentUrl()).connect(shortLived)) {
                attacker.send(packet);
                // The library would have run the node's clean-up for a socket that stays open, its token's
                // expiry cancelled with it: the connection would outlive the token.
                assertThat(attacker.awaitClosed(Duration.ofSeconds(10))).isIn(1008, RawWebSocket.ABORTED);
            }
        }
        assertThat(refused("reserved-event")).isGreaterThanOrEqualTo(2);
        nodeStillDelivers("after an event named disconnect");
    }

    private static String pollingHandshake() throws Exception {
        String handshake = HTTP.send(HttpRequest.newBuilder(URI.create(node.studentUrl()
                + "/socket.io/?EIO=4&transport=polling")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(handshake).startsWith("0{");
        return new JSONObject(handshake.substring(1)).getString("sid");
    }

    private static HttpResponse<String> post(String sid, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.studentUrl()
                        + "/socket.io/?EIO=4&transport=polling&sid=" + sid))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String sid) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.studentUrl()
                        + "/socket.io/?EIO=4&transport=polling&sid=" + sid)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
