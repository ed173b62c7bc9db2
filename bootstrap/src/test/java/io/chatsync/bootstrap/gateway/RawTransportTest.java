package io.chatsync.bootstrap.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.bootstrap.testing.ChatsyncNodes;
import io.chatsync.bootstrap.testing.NodeClients;
import io.chatsync.bootstrap.testing.RawWebSocket;
import io.chatsync.bootstrap.testing.Tokens;
import io.chatsync.adapters.socketio.gateway.ConnectedSockets;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What arrives below the official clients: a socket that stops reading, a polling post that claims a huge body, a
 * frame over the limit, a CONNECT in an unusual form.
 */
@Timeout(180)
class RawTransportTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    @Test
    void aStaffSocketThatStopsReadingDoesNotDelayAFastOneAndIsDisconnected() throws Exception {
        // 1,000 messages of 12 kB (4,000 three-byte characters): more than the slow socket's TCP buffers on
        // loopback and its outbox of 200 frames hold.
        aNeverReaderIsCutWhileAFastReaderGetsEverything("slow", "--chatsync.gateway.outbox-frames=200", 1_000,
                (fixtures, student) -> {
                    String body = "ễ".repeat(3_990);
                    for (int i = 0; i < 1_000; i++) {
                        fixtures.message(student, "student", body + i);
                    }
                });
    }

    @Test
    void aStaffSocketThatStopsReadingSmallFramesIsCutOnceItIsBehindForTheSlowReaderTime() throws Exception {
        // Only time behind can cut it here: the outbox may hold more frames than are sent. 2,500 frames of about
        // 1 kB: 2.5 MB, which the kernel alone would take in were a connection's send buffer left to grow (to
        // 4 MB on loopback), so that nothing would ever wait for this client.
        aNeverReaderIsCutWhileAFastReaderGetsEverything("behind", "--chatsync.gateway.slow-reader-timeout=2s", 2_500,
                (fixtures, student) -> {
                    for (int batch = 0; batch < 25; batch++) {
                        fixtures.update("INSERT INTO chats (user_id, sender, message, read_by_student, "
                                + "read_by_teacher, created_at) SELECT ?, 'student', repeat('x', 1000) || n, true, "
                                + "false, NOW() FROM generate_series(1, 100) AS n", student);
                    }
                });
    }

    /**
     * A node with {@code rule} set, a fast staff socket and one that stops reading; {@code write} stores
     * {@code messages} student messages. The fast socket gets them all, and the other is closed as a slow reader.
     */
    private static void aNeverReaderIsCutWhileAFastReaderGetsEverything(String name, String rule, int messages,
            BiConsumer<ChatFixtures, Integer> write) throws Exception {
        ChatFixtures fixtures = new ChatFixtures(database.dataSource());
        int student = fixtures.student("Student of " + name);
        try (ChatsyncNodes nodes = new ChatsyncNodes(); NodeClients clients = new NodeClients()) {
            // Pings so far apart that only the slow-reader rule, not a ping time-out, can drop the socket.
            ChatsyncNodes.Node node = nodes.start(name, database.url(), rule,
                    "--chatsync.gateway.ping-interval=10m", "--chatsync.gateway.ping-timeout=10m");
            MeterRegistry meters = node.context().getBean(MeterRegistry.class);
            ConnectedSockets sockets = node.context().getBean(ConnectedSockets.class);
            clients.connectWithToken("fast", node.staffUrl(), Tokens.staff("fast-reader"));
            clients.awaitConnected("fast");

            WebSocket slow = neverReadingStaffSocket(node);
            await().atMost(Duration.ofSeconds(10)).until(() -> sockets.size() == 2);

            write.accept(fixtures, student);

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> clients.events("fast", "message:new").size() == messages);
            await().atMost(Duration.ofSeconds(30)).until(() -> sockets.size() == 1);
            assertThat(meters.counter("chatsync.socketio.slow-disconnects").count()).isEqualTo(1);
            slow.abort();
        }
    }

    /** A raw Engine.IO WebSocket that connects as staff, then never asks for another frame. */
    private static WebSocket neverReadingStaffSocket(ChatsyncNodes.Node node) {
        String url = node.staffUrl().replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket";
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(url), new WebSocket.Listener() {
                    @Override
                    public void onOpen(WebSocket webSocket) {
                        webSocket.request(1);
                    }

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        return null; // and no further request(): the client stops reading here
                    }
                })
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        socket.sendText("40" + new JSONObject().put("token", Tokens.staff("slow-reader")), true)
                .orTimeout(10, TimeUnit.SECONDS).join();
        return socket;
    }

    @Test
    void aPollingPostClaimingAHugeBodyIsRefusedBeforeAnythingIsRead() throws Exception {
        try (ChatsyncNodes nodes = new ChatsyncNodes()) {
            ChatsyncNodes.Node node = nodes.start("claims", database.url());
            // HTTP/1.1: the JDK client otherwise offers an h2c Upgrade, which no Socket.IO client sends.
            String handshake = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                            URI.create(node.studentUrl() + "/socket.io/?EIO=4&transport=polling")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(handshake).as(handshake).startsWith("0{");
            String sid = new JSONObject(handshake.substring(1)).getString("sid");

            try (Socket raw = new Socket("127.0.0.1", URI.create(node.studentUrl()).getPort())) {
                raw.getOutputStream().write(("POST /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 2000000000\r\n\r\n40")
                        .getBytes(StandardCharsets.US_ASCII));
                raw.getOutputStream().flush();
                String status = new BufferedReader(new InputStreamReader(raw.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();

                assertThat(status).startsWith("HTTP/1.1 413");
            }
        }
    }

    @Test
    void aWebSocketUpgradeThatOffersCompressionIsAcceptedWithoutIt() throws Exception {
        try (ChatsyncNodes nodes = new ChatsyncNodes()) {
            ChatsyncNodes.Node node = nodes.start("deflate", database.url());
            try (Socket raw = new Socket("127.0.0.1", URI.create(node.studentUrl()).getPort())) {
                // What Node's ws (under socket.io-client) sends when it upgrades.
                raw.getOutputStream().write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                raw.getOutputStream().flush();
                BufferedReader response = new BufferedReader(new InputStreamReader(raw.getInputStream(),
                        StandardCharsets.US_ASCII));
                List<String> head = new java.util.ArrayList<>();
                for (String line = response.readLine(); line != null && !line.isEmpty(); line = response.readLine()) {
                    head.add(line);
                }

                assertThat(head.get(0)).startsWith("HTTP/1.1 101");
                assertThat(head).noneMatch(header -> header.toLowerCase().startsWith("sec-websocket-extensions"));
            }
        }
    }

    @Test
    void aBearerTokenOnTheHandshakeSignsTheSocketInBesideHeadersTheNodeDoesNotKeep() throws Exception {
        try (ChatsyncNodes nodes = new ChatsyncNodes()) {
            ChatsyncNodes.Node node = nodes.start("bearer", database.url());
            Map<String, String> headers = Map.of("Authorization", "Bearer " + Tokens.staff("by-header"),
                    "Cookie", "session=" + "x".repeat(4_000), "User-Agent", "Mozilla/5.0 (X11; Linux x86_64)");
            try (RawWebSocket socket = RawWebSocket.open(node.staffUrl(), headers)) {
                socket.send("40");

                assertThat(socket.awaitFrame("40{")).contains("\"sid\":");
                assertThat(socket.frames()).noneMatch(frame -> frame.startsWith("44"));
            }
        }
    }

    @Test
    void aConnectNamingTheMainNamespaceExplicitlyIsAuthenticatedToo() throws Exception {
        try (ChatsyncNodes nodes = new ChatsyncNodes()) {
            ChatsyncNodes.Node node = nodes.start("explicit", database.url());
            try (RawWebSocket socket = RawWebSocket.open(node.studentUrl())) {
                socket.send("40/,{\"token\":\"forged\"}");

                socket.awaitFrame("44");
                assertThat(socket.frames()).noneMatch(frame -> frame.startsWith("40"));
            }
        }
    }

    @Test
    void aFrameOverTheLimitClosesOnlyThatConnectionAndStoresNothing() throws Exception {
        ChatFixtures fixtures = new ChatFixtures(database.dataSource());
        int student = fixtures.student("Hai Tong");
        try (ChatsyncNodes nodes = new ChatsyncNodes(); NodeClients clients = new NodeClients()) {
            ChatsyncNodes.Node node = nodes.start("frames", database.url());
            clients.connectWithToken("big", node.studentUrl(), Tokens.student(student));
            clients.awaitConnected("big");
            long before = fixtures.count("SELECT count(*) FROM chats");

            clients.connect("small", node.studentUrl(), Map.of("auth", Map.of("token", Tokens.student(student)),
                    "transports", List.of("websocket")));
            clients.awaitConnected("small");
            new Thread(() -> clients.emitWithAckNoWait("big", "message:send",
                    new JSONObject().put("message", "b".repeat(3 * 1024 * 1024)))).start();

            clients.awaitRecord("big", record -> "disconnect".equals(record.optString("type")));
            assertThat(fixtures.count("SELECT count(*) FROM chats")).isEqualTo(before);
            assertThat(clients.emitWithAck("small", "message:send", new JSONObject().put("message", "still here"))
                    .getBoolean("ok")).isTrue();
        }
    }
}
