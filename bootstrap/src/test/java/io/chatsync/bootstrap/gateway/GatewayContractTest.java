package io.chatsync.bootstrap.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.adapters.socketio.gateway.ConnectedSockets;
import io.chatsync.adapters.socketio.gateway.LibrarySockets;
import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Recipients;
import io.chatsync.bootstrap.testing.ChatsyncNodes;
import io.chatsync.bootstrap.testing.NodeClients;
import io.chatsync.bootstrap.testing.Tokens;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.socketio.server.SocketIoSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One node's Socket.IO contract: bad input refused with nothing stored, rooms, the Java client. */
@Timeout(120)
class GatewayContractTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    static final ChatsyncNodes nodes = new ChatsyncNodes();
    static ChatsyncNodes.Node node;
    static ChatFixtures fixtures;
    static int anna;
    static int bao;
    static NodeClients clients;

    @BeforeAll
    static void oneNodeAndTwoStudents() throws Exception {
        node = nodes.start("contract", database.url());
        fixtures = new ChatFixtures(database.dataSource());
        anna = fixtures.student("Anna Dinh");
        bao = fixtures.student("Bao Cao");
        clients = new NodeClients();
        clients.connectWithToken("anna", node.studentUrl(), Tokens.student(anna));
        clients.connectWithToken("teacher", node.staffUrl(), Tokens.staff("teacher-9"));
        clients.awaitConnected("anna");
        clients.awaitConnected("teacher");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        clients.close();
        nodes.close();
    }

    static List<Arguments> badInput() {
        return List.of(
                Arguments.of("missing body", "anna", "message:send", new JSONObject(), "invalid_payload", "message"),
                Arguments.of("body of the wrong type", "anna", "message:send",
                        new JSONObject().put("message", 42), "invalid_payload", "message"),
                Arguments.of("thread of the wrong type", "teacher", "message:send",
                        new JSONObject().put("message", "hi").put("user_id", "abc"), "invalid_payload", "user_id"),
                Arguments.of("payload that is no object", "anna", "message:send", "hello", "invalid_payload", null),
                Arguments.of("blank body", "anna", "message:send", new JSONObject().put("message", "   "),
                        "invalid_message", "message"),
                Arguments.of("body over 4,000 characters", "anna", "message:send",
                        new JSONObject().put("message", "x".repeat(4_001)), "invalid_message", "message"),
                Arguments.of("body with NUL", "anna", "message:send", new JSONObject().put("message", "a\u0000b"),
                        "invalid_message", "message"),
                // A longer frame than the protocol needs closes the connection instead (RawTransportTest).
                Arguments.of("body near the frame limit", "anna", "message:send",
                        new JSONObject().put("message", "m".repeat(40_000)), "invalid_message", "message"),
                Arguments.of("unknown event", "anna", "chat:delete", new JSONObject(), "unknown_event", null),
                Arguments.of("thread id that is not positive", "anna", "message:send",
                        new JSONObject().put("message", "hi").put("user_id", -1), "invalid_payload", "user_id"),
                Arguments.of("student posting as teacher", "anna", "message:send",
                        new JSONObject().put("message", "hi").put("sender", "teacher"), "forbidden", null),
                Arguments.of("staff without a thread", "teacher", "message:send",
                        new JSONObject().put("message", "hi"), "invalid_payload", "user_id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputGetsAnErrorAckAndChangesNothing(String what, String socket, String event, Object payload,
            String code, String field) {
        long before = fixtures.count("SELECT count(*) FROM chats");

        JSONObject ack = clients.emitWithAck(socket, event, payload);

        assertThat(ack.getBoolean("ok")).as(ack.toString()).isFalse();
        assertThat(ack.getJSONObject("error").getString("code")).isEqualTo(code);
        assertThat(ack.getJSONObject("error").getString("message")).isNotBlank();
        if (field != null) {
            assertThat(ack.getJSONObject("error").getString("field")).isEqualTo(field);
        }
        assertThat(fixtures.count("SELECT count(*) FROM chats")).isEqualTo(before);
    }

    @Test
    void aStudentNamingAnotherStudentsThreadIsRefusedAndNothingIsStored() {
        long before = fixtures.count("SELECT count(*) FROM chats");

        JSONObject post = clients.emitWithAck("anna", "message:send",
                new JSONObject().put("message", "hi").put("user_id", bao));
        JSONObject read = clients.emitWithAck("anna", "thread:read", new JSONObject().put("user_id", bao));
        JSONObject join = clients.emitWithAck("anna", "join", new JSONObject().put("userId", bao));

        assertThat(List.of(post, read, join)).allSatisfy(ack -> {
            assertThat(ack.getBoolean("ok")).isFalse();
            assertThat(ack.getJSONObject("error").getString("code")).isEqualTo("forbidden");
        });
        assertThat(fixtures.count("SELECT count(*) FROM chats")).isEqualTo(before);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheOriginalAndStoresNothingNew() {
        JSONObject post = new JSONObject().put("message", "sent twice").put("idempotency_key", "app-retry-42");

        JSONObject first = clients.emitWithAck("anna", "message:send", post);
        long after = fixtures.count("SELECT count(*) FROM chats");
        JSONObject retry = clients.emitWithAck("anna", "message:send", post);

        assertThat(retry.getJSONObject("message").similar(first.getJSONObject("message"))).isTrue();
        assertThat(fixtures.count("SELECT count(*) FROM chats")).isEqualTo(after);
        assertThat(clients.emitWithAck("anna", "message:send", new JSONObject().put("message", "x")
                .put("idempotency_key", "has spaces")).getJSONObject("error").getString("field"))
                .isEqualTo("idempotency_key");
    }

    @Test
    void bodiesThatLookLikeSqlOrHtmlAreStoredAndDeliveredVerbatim() {
        String body = "<img src=x onerror=alert(1)>'); DROP TABLE chats; --";

        JSONObject ack = clients.emitWithAck("anna", "message:send", new JSONObject().put("message", body));

        assertThat(ack.getJSONObject("message").getString("message")).isEqualTo(body);
        clients.awaitRecord("teacher", record -> "message:new".equals(record.optString("event"))
                && body.equals(record.getJSONArray("args").getJSONObject(0).getString("message")));
    }

    @Test
    void aStaffSocketInTheStudentsRoomReceivesTheStudentsMessageOnce() {
        int student = fixtures.student("Cuong Pho");
        clients.connectWithToken("cuong", node.studentUrl(), Tokens.student(student));
        clients.connectWithToken("watcher", node.staffUrl(), Tokens.staff("teacher-10"));
        clients.awaitConnected("cuong");
        clients.awaitConnected("watcher");
        assertThat(clients.emitWithAck("watcher", "join", student).getBoolean("ok")).isTrue();

        int chatId = clients.emitWithAck("cuong", "message:send", new JSONObject().put("message", "once"))
                .getJSONObject("message").getInt("chat_id");
        clients.awaitRecord("watcher", record -> "users:updated".equals(record.optString("event")));
        clients.awaitRecord("teacher", record -> "message:new".equals(record.optString("event"))
                && record.getJSONArray("args").getJSONObject(0).getInt("chat_id") == chatId);

        assertThat(clients.events("watcher", "message:new")).hasSize(1);
        assertThat(clients.events("cuong", "message:new")).hasSize(1);

        int listUpdatesBefore = clients.events("teacher", "users:updated").size();
        int replyId = clients.emitWithAck("watcher", "message:send",
                new JSONObject().put("user_id", student).put("message", "reply")).getJSONObject("message").getInt("chat_id");
        clients.awaitRecord("cuong", record -> "message:new".equals(record.optString("event"))
                && record.getJSONArray("args").getJSONObject(0).getInt("chat_id") == replyId);
        // users:updated follows the batch's messages on each socket, so once it arrived, any reply would have too.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> clients.events("teacher", "users:updated").size() > listUpdatesBefore);
        assertThat(clients.events("teacher", "message:new")).as("staff outside the room get no teacher's reply")
                .noneMatch(event -> event.getJSONArray("args").getJSONObject(0).getInt("chat_id") == replyId);
        assertThat(clients.events("watcher", "message:new")).hasSize(2);
    }

    @Test
    void aStaffSocketThatLeavesTakesItsRoomsWithItAndMayWatchOnlySoMany() {
        ConnectedSockets sockets = node.context().getBean(ConnectedSockets.class);
        List<StudentId> rooms = IntStream.range(100_001, 100_001 + ConnectedSockets.MAX_WATCHED_THREADS)
                .mapToObj(StudentId::of).toList();
        clients.connectWithToken("roomy", node.staffUrl(), Tokens.staff("teacher-rooms"));
        clients.awaitConnected("roomy");
        rooms.forEach(room -> clients.emitWithAckNoWait("roomy", "join", room.value()));

        JSONObject oneTooMany = clients.emitWithAck("roomy", "join", 999_999);

        assertThat(oneTooMany.getJSONObject("error").getString("code")).isEqualTo("too_many_rooms");
        assertThat(rooms).allMatch(sockets::isWatched);

        clients.disconnect("roomy");

        await().atMost(Duration.ofSeconds(10)).until(() -> rooms.stream().noneMatch(sockets::isWatched));
    }

    @Test
    void theLibraryKeepsNeitherASocketsTokenNorRoomsForTheSocketsTheIndexServes() {
        ConnectedSockets sockets = node.context().getBean(ConnectedSockets.class);
        assertThat(clients.emitWithAck("teacher", "join", anna).getBoolean("ok")).isTrue();

        // Anna's socket and every staff socket, the teacher's among them, now watching Anna's thread.
        List<SocketIoSocket> library = LibrarySockets.of(sockets,
                Recipients.ofNewMessage(StudentId.of(anna), Side.STUDENT));

        assertThat(library).hasSizeGreaterThanOrEqualTo(2).allSatisfy(socket -> {
            assertThat(socket.getConnectData()).as("what the library keeps of the CONNECT").isNull();
            assertThat(socket.getNamespace().getAdapter().listClientRooms(socket)).as("the library's rooms").isEmpty();
        });
        assertThat(sockets.isWatched(StudentId.of(anna))).isTrue();
    }

    @Test
    void theJavaClientPostsWithAnAckAndReceivesTheBroadcast() throws Exception {
        int student = fixtures.student("Dao Java");
        IO.Options options = IO.Options.builder()
                .setAuth(Map.of("token", Tokens.student(student)))
                .setTransports(new String[] {"websocket"})
                .setReconnection(false)
                .build();
        Socket socket = IO.socket(URI.create(node.studentUrl()), options);
        List<Object> received = new CopyOnWriteArrayList<>();
        AtomicReference<Object> ack = new AtomicReference<>();
        socket.on("message:new", args -> received.add(args[0]));
        socket.connect();
        try {
            await().atMost(Duration.ofSeconds(20)).until(socket::connected);

            socket.emit("message:send", new Object[] {new org.json.JSONObject().put("message", "từ Java")},
                    args -> ack.set(args[0]));

            await().atMost(Duration.ofSeconds(20)).until(() -> ack.get() != null && !received.isEmpty());
            assertThat(new JSONObject(ack.get().toString()).getBoolean("ok")).isTrue();
            assertThat(new JSONObject(received.get(0).toString()).getString("message")).isEqualTo("từ Java");
        } finally {
            socket.close();
        }
    }
}
