package io.chatsync.bootstrap.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.bootstrap.testing.ChatsyncNodes;
import io.chatsync.bootstrap.testing.CuttableProxy;
import io.chatsync.bootstrap.testing.NodeClients;
import io.chatsync.bootstrap.testing.NodeProcess;
import io.chatsync.bootstrap.testing.Tokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Socket.IO connection state recovery with the official socket.io-client v4, across two nodes on one database: a
 * dashboard whose connection is cut comes back on the other node with what it missed, once, in order, then live.
 */
@Timeout(180)
class ResumeTest {

    /** The most events one resumption replays on these nodes: the tests miss fewer, and the bound's test more. */
    static final int MAX_EVENTS = 10;

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    static final ChatsyncNodes nodes = new ChatsyncNodes();
    static ChatsyncNodes.Node nodeA;
    static ChatsyncNodes.Node nodeB;
    static ChatFixtures fixtures;

    @BeforeAll
    static void twoNodes() {
        nodeA = nodes.start("resume-a", database.url(), "--chatsync.resume.max-events=" + MAX_EVENTS, "--chatsync.limits.post.burst=100", "--chatsync.limits.post.per-minute=6000",
                "--logging.level.io.chatsync.adapters.socketio.gateway.Resumes=DEBUG");
        nodeB = nodes.start("resume-b", database.url(), "--chatsync.resume.max-events=" + MAX_EVENTS, "--chatsync.limits.post.burst=100", "--chatsync.limits.post.per-minute=6000",
                "--logging.level.io.chatsync.adapters.socketio.gateway.Resumes=DEBUG");
        fixtures = new ChatFixtures(database.dataSource());
    }

    @AfterAll
    static void stopNodes() {
        nodes.close();
    }

    @Test
    void aCutDashboardComesBackOnTheOtherNodeWithWhatItMissedOnceInOrderAndInItsRooms() throws Exception {
        int student = fixtures.student("Hoa Resume");
        try (NodeClients clients = new NodeClients(); CuttableProxy proxy = new CuttableProxy(port(nodeA.staffUrl()))) {
            connectThrough(clients, "dash", proxy, Tokens.staff("teacher-r1"));
            clients.connectWithToken("student", nodeB.studentUrl(), Tokens.student(student));
            clients.connectWithToken("other", nodeB.staffUrl(), Tokens.staff("teacher-r2"));
            JSONObject first = clients.awaitConnected("dash");
            clients.awaitConnected("student");
            clients.awaitConnected("other");
            assertThat(first.getBoolean("recovered")).isFalse();
            assertThat(first.optString("pid")).isNotEmpty();
            join(clients, "dash", student);
            join(clients, "other", student);
            int m1 = post(clients, "student", "m1");
            awaitMessage(clients, "dash", m1);

            proxy.cut();
            int m2 = post(clients, "student", "m2");
            int m3 = post(clients, "student", "m3");
            int r1 = reply(clients, "other", student, "r1");
            assertThat(clients.emitWithAck("student", "thread:read", new JSONObject()).getBoolean("ok")).isTrue();
            // Node B has handed every one of them over: the last, the read receipt, reached its other dashboard.
            awaitRead(clients, "other", r1);
            proxy.to(port(nodeB.staffUrl()));

            awaitResumed(clients, "dash", first.getString("pid"));
            // Live again, in the room it had joined on node A: a reply goes to the thread's watchers only.
            int r2 = reply(clients, "other", student, "r2");
            awaitMessage(clients, "dash", r2);

            assertThat(messageIds(clients, "dash")).containsExactly(m1, m2, m3, r1, r2);
            List<JSONObject> dash = events(clients, "dash");
            assertThat(dash.stream().filter(e -> "message:read".equals(e.getString("event"))).toList())
                    .hasSize(1)
                    .allSatisfy(read -> assertThat(payload(read).getInt("messageId")).isEqualTo(r1));
            assertThat(indexOf(dash, "message:read", r1)).isBetween(indexOf(dash, "message:new", r1),
                    indexOf(dash, "message:new", r2));
            // The users:updated it missed come back as one, after what it missed and before anything new.
            assertThat(dash.subList(indexOf(dash, "message:read", r1), indexOf(dash, "message:new", r2)))
                    .filteredOn(e -> "users:updated".equals(e.getString("event"))).hasSize(1);
            assertThat(dash).filteredOn(e -> !"users:updated".equals(e.getString("event")))
                    .allSatisfy(e -> assertThat(last(e)).isInstanceOf(String.class));
            // The students' port does not resume (its Dart clients would see the offset): payloads as they were.
            assertThat(clients.awaitConnected("student").isNull("pid")).isTrue();
            assertThat(events(clients, "student")).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getJSONArray("args").length()).isLessThanOrEqualTo(1));
        }
    }

    @Test
    void aClientCutBeforeItsFirstEventResumesFromWhereItsSessionBegan() throws Exception {
        int student = fixtures.student("Quang Early");
        try (NodeClients clients = new NodeClients(); CuttableProxy proxy = new CuttableProxy(port(nodeA.staffUrl()))) {
            clients.connectWithToken("student", nodeB.studentUrl(), Tokens.student(student));
            clients.awaitConnected("student");
            connectThrough(clients, "dash", proxy, Tokens.staff("teacher-e1"));
            String pid = clients.awaitConnected("dash").getString("pid");
            assertThat(events(clients, "dash")).isEmpty();

            proxy.cut();
            int missed = post(clients, "student", "sent while the dashboard was away");
            int marker = handedOverByNodeB(clients, "teacher-e2");
            proxy.to(port(nodeB.staffUrl()));

            awaitResumed(clients, "dash", pid);
            awaitMessage(clients, "dash", marker);
            assertThat(messageIds(clients, "dash")).containsExactly(missed, marker);
        }
    }

    @Test
    void aClientQuietForLongerThanTheWindowStillResumesWithTheOffsetOfItsLastEvent() throws Exception {
        int student = fixtures.student("Son Quiet");
        Duration window = Duration.ofSeconds(6);
        ChatsyncNodes.Node shortWindow = nodes.start("resume-short", database.url(),
                "--chatsync.resume.window=" + window.toSeconds() + "s");
        try (NodeClients clients = new NodeClients();
                CuttableProxy proxy = new CuttableProxy(port(shortWindow.staffUrl()))) {
            connectThrough(clients, "dash", proxy, Tokens.staff("teacher-q1"));
            clients.connectWithToken("student", nodeB.studentUrl(), Tokens.student(student));
            String pid = clients.awaitConnected("dash").getString("pid");
            clients.awaitConnected("student");
            int seen = post(clients, "student", "the last thing it saw");
            awaitMessage(clients, "dash", seen);
            long sentAt = System.currentTimeMillis();

            // Its offset grows older than the window while the node records it as quiet since that event.
            await().atMost(window.multipliedBy(4)).pollInterval(Duration.ofMillis(250)).until(() ->
                    System.currentTimeMillis() - sentAt > window.toMillis() + 1_000
                            && quietSince(pid) > sentAt + window.toMillis());
            proxy.cut();
            int missed = post(clients, "student", "sent while it was away");
            awaitMessage(clients, "student", missed);
            proxy.to(port(shortWindow.staffUrl()));

            awaitResumed(clients, "dash", pid);
            awaitMessage(clients, "dash", missed);
            assertThat(messageIds(clients, "dash")).containsExactly(seen, missed);
        }
    }

    /** When the session of {@code pid} was last recorded as quiet, in epoch milliseconds (0: not yet). */
    private static long quietSince(String pid) throws Exception {
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(pid.getBytes(StandardCharsets.UTF_8)));
        try (var connection = database.dataSource().getConnection();
                var statement = connection.prepareStatement(
                        "SELECT quiet_at FROM chat_sessions WHERE session_hash = ? AND last_offset IS NOT NULL")) {
            statement.setString(1, hash);
            try (var row = statement.executeQuery()) {
                return row.next() ? row.getTimestamp(1).getTime() : 0;
            }
        }
    }

    @Test
    void aDashboardOfANodeKilledMidStreamMissesNothingOnTheOtherNode() throws Exception {
        int student = fixtures.student("Khanh Killed");
        try (NodeProcess doomed = NodeProcess.start("resume-killed", database.url(),
                "--chatsync.resume.max-events=1000");
                NodeClients clients = new NodeClients();
                CuttableProxy proxy = new CuttableProxy(doomed.staffPort())) {
            connectThrough(clients, "dash", proxy, Tokens.staff("teacher-k1"));
            clients.connectWithToken("student", nodeB.studentUrl(), Tokens.student(student));
            String pid = clients.awaitConnected("dash").getString("pid");
            clients.awaitConnected("student");
            List<Integer> posted = new ArrayList<>();
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 40; i++) {
                    posted.add(post(clients, "student", "stream " + i));
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> messageIds(clients, "dash").size() >= 5);

            doomed.kill();
            proxy.to(port(nodeB.staffUrl()));
            stream.get();

            awaitResumed(clients, "dash", pid);
            int last = posted.get(posted.size() - 1);
            awaitMessage(clients, "dash", last);
            assertThat(messageIds(clients, "dash")).containsExactlyElementsOf(posted);
        }
    }

    @Test
    void aDashboardOfANodeStoppedForAnUpgradeComesBackResumedOnTheOtherNode() throws Exception {
        int student = fixtures.student("Lan Upgrade");
        try (NodeProcess upgraded = NodeProcess.start("resume-upgraded", database.url());
                NodeClients clients = new NodeClients();
                CuttableProxy proxy = new CuttableProxy(upgraded.staffPort())) {
            connectThrough(clients, "dash", proxy, Tokens.staff("teacher-u1"));
            clients.connectWithToken("student", nodeB.studentUrl(), Tokens.student(student));
            String pid = clients.awaitConnected("dash").getString("pid");
            clients.awaitConnected("student");
            int before = post(clients, "student", "before the upgrade");
            awaitMessage(clients, "dash", before);

            upgraded.stop();
            int during = post(clients, "student", "during the upgrade");
            proxy.to(port(nodeB.staffUrl()));

            awaitResumed(clients, "dash", pid);
            awaitMessage(clients, "dash", during);
            assertThat(clients.awaitRecord("dash", r -> "disconnect".equals(r.optString("type"))).getString("reason"))
                    .isEqualTo("transport close");
            assertThat(messageIds(clients, "dash")).containsExactly(before, during);
        }
    }

    @Test
    void anotherUsersPidAForgedOffsetOrAnExpiredTokenResumeNothing() throws Exception {
        int student = fixtures.student("Minh Thief");
        try (NodeClients clients = new NodeClients()) {
            clients.connectWithToken("dash", nodeA.staffUrl(), Tokens.staff("teacher-t1"));
            clients.connectWithToken("student", nodeB.studentUrl(), Tokens.student(student));
            String pid = clients.awaitConnected("dash").getString("pid");
            clients.awaitConnected("student");
            int m1 = post(clients, "student", "before");
            String offset = (String) last(awaitMessage(clients, "dash", m1));
            clients.disconnect("dash");
            int missed = post(clients, "student", "missed");

            clients.connect("thief", nodeB.staffUrl(), resumeWith(Tokens.staff("teacher-t2"), pid, offset));
            clients.connect("forger", nodeB.staffUrl(), resumeWith(Tokens.staff("teacher-t1"), pid,
                    offset.replaceFirst("^\\d+", "999999")));
            clients.connect("expired", nodeB.staffUrl(), resumeWith(
                    Tokens.sign(Tokens.SECRET, "teacher-t1", "teacher", Duration.ofHours(-1)), pid, offset));
            assertThat(clients.awaitConnected("thief").getString("pid")).isNotEqualTo(pid);
            assertThat(clients.awaitConnected("forger").getString("pid")).isNotEqualTo(pid);
            assertThat(clients.awaitRecord("expired", r -> "connect_error".equals(r.optString("type")))
                    .getString("message")).contains("expired");

            // The owner, with the same pid and offset, does get what it missed: the refusals above were not luck.
            clients.connect("owner", nodeB.staffUrl(), resumeWith(Tokens.staff("teacher-t1"), pid, offset));
            assertThat(clients.awaitConnected("owner").getString("pid")).isEqualTo(pid);
            awaitMessage(clients, "owner", missed);
            int after = post(clients, "student", "after");
            awaitMessage(clients, "owner", after);
            awaitMessage(clients, "thief", after);
            awaitMessage(clients, "forger", after);
            assertThat(messageIds(clients, "owner")).containsExactly(missed, after);
            assertThat(messageIds(clients, "thief")).containsExactly(after);
            assertThat(messageIds(clients, "forger")).containsExactly(after);
            assertThat(events(clients, "expired")).isEmpty();
        }
    }

    @Test
    void aClientThatMissedMoreThanTheBoundIsToldItWasNotResumedAndIsNotFlooded() throws Exception {
        int student = fixtures.student("Nga Bound");
        try (NodeClients clients = new NodeClients(); CuttableProxy proxy = new CuttableProxy(port(nodeA.staffUrl()))) {
            connectThrough(clients, "dash", proxy, Tokens.staff("teacher-b1"));
            clients.connectWithToken("student", nodeB.studentUrl(), Tokens.student(student));
            String pid = clients.awaitConnected("dash").getString("pid");
            clients.awaitConnected("student");
            int m1 = post(clients, "student", "seen");
            awaitMessage(clients, "dash", m1);

            proxy.cut();
            int lastMissed = 0;
            for (int i = 0; i <= MAX_EVENTS; i++) {
                lastMissed = post(clients, "student", "missed " + i);
            }
            int marker = handedOverByNodeB(clients, "teacher-b2");
            proxy.to(port(nodeB.staffUrl()));

            JSONObject again = awaitConnect(clients, "dash", 2);
            assertThat(again.getBoolean("recovered")).isFalse();
            assertThat(again.getString("pid")).isNotEqualTo(pid);
            int live = post(clients, "student", "live");
            awaitMessage(clients, "dash", live);
            assertThat(messageIds(clients, "dash")).containsExactly(m1, live);
            assertThat(lastMissed).isLessThan(marker);
        }
    }

    @Test
    void anAppWithoutResumableSocketsCatchesUpOverHttpOnItsOwnPortWithWhatItMaySee() throws Exception {
        int student = fixtures.student("Oanh Http");
        int stranger = fixtures.student("Phuc Other");
        try (NodeClients clients = new NodeClients()) {
            clients.connectWithToken("student", nodeA.studentUrl(), Tokens.student(student));
            clients.connectWithToken("stranger", nodeA.studentUrl(), Tokens.student(stranger));
            clients.connectWithToken("teacher", nodeB.staffUrl(), Tokens.staff("teacher-h1"));
            clients.awaitConnected("student");
            clients.awaitConnected("stranger");
            clients.awaitConnected("teacher");
            String studentStart = changes(nodeA.studentUrl(), Tokens.student(student), null, 200)
                    .getString("offset");
            String staffStart = changes(nodeB.staffUrl(), Tokens.staff("teacher-h1"), null, 200).getString("offset");

            int question = post(clients, "student", "câu hỏi");
            int other = post(clients, "stranger", "không liên quan");
            int answer = reply(clients, "teacher", student, "trả lời");
            assertThat(clients.emitWithAck("student", "thread:read", new JSONObject()).getBoolean("ok")).isTrue();
            awaitRead(clients, "student", answer);

            // The students' port: only the student's own thread, as the events it would have had.
            JSONObject mine = awaitChanges(nodeA.studentUrl(), Tokens.student(student), studentStart, 3);
            assertThat(mine.getBoolean("more")).isFalse();
            JSONArray changes = mine.getJSONArray("changes");
            assertThat(List.of(changes.getJSONObject(0).getString("event"), changes.getJSONObject(1).getString("event"),
                    changes.getJSONObject(2).getString("event")))
                    .containsExactly("message:new", "message:new", "message:read");
            assertThat(changes.getJSONObject(0).getJSONObject("data").getInt("chat_id")).isEqualTo(question);
            assertThat(changes.getJSONObject(1).getJSONObject("data").getInt("chat_id")).isEqualTo(answer);
            assertThat(changes.getJSONObject(2).getJSONObject("data").getInt("messageId")).isEqualTo(answer);
            assertThat(changes(nodeA.studentUrl(), Tokens.student(student), mine.getString("offset"), 200)
                    .getJSONArray("changes").length()).isZero();

            // Staff see every thread; a page at a time, each offset taking up where the last left off.
            List<Integer> seen = new ArrayList<>();
            String after = staffStart;
            JSONObject page;
            do {
                page = changes(nodeB.staffUrl(), Tokens.staff("teacher-h1"), after, 1);
                for (int i = 0; i < page.getJSONArray("changes").length(); i++) {
                    JSONObject change = page.getJSONArray("changes").getJSONObject(i);
                    if ("message:new".equals(change.getString("event"))) {
                        seen.add(change.getJSONObject("data").getInt("chat_id"));
                    }
                }
                after = page.getString("offset");
            } while (page.getBoolean("more"));
            assertThat(seen).containsExactly(question, other, answer);

            HttpResponse<String> forged = get(nodeA.studentUrl(), Tokens.student(student), "/api/changes?after="
                    + URLEncoder.encode(studentStart.replaceFirst("^\\d+", "999999"), StandardCharsets.UTF_8));
            assertThat(forged.statusCode()).isEqualTo(400);
            assertThat(new JSONObject(forged.body()).getString("field")).isEqualTo("after");
        }
    }

    /** Polls until the catch-up after {@code after} holds {@code count} changes: the feed hands them over. */
    private static JSONObject awaitChanges(String url, String token, String after, int count) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> changes(url, token, after, 200)
                .getJSONArray("changes").length() >= count);
        return changes(url, token, after, 200);
    }

    private static JSONObject changes(String url, String token, String after, int limit) throws Exception {
        String query = "/api/changes?limit=" + limit
                + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        HttpResponse<String> response = get(url, token, query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JSONObject(response.body());
    }

    private static HttpResponse<String> get(String url, String token, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Waits for the second connect of socket {@code name}: it resumed the session {@code pid}. */
    private static void awaitResumed(NodeClients clients, String name, String pid) {
        JSONObject again = awaitConnect(clients, name, 2);
        assertThat(again.getBoolean("recovered")).as(again.toString()).isTrue();
        assertThat(again.getString("pid")).isEqualTo(pid);
    }

    /**
     * Posts a marker from socket "student" and waits until a staff socket on node B has it: node B has handed over
     * everything posted before it.
     */
    private static int handedOverByNodeB(NodeClients clients, String witness) {
        clients.connectWithToken("witness", nodeB.staffUrl(), Tokens.staff(witness));
        clients.awaitConnected("witness");
        int marker = post(clients, "student", "marker");
        awaitMessage(clients, "witness", marker);
        return marker;
    }

    private static Map<String, Object> resumeWith(String token, String pid, String offset) {
        return Map.of("auth", Map.of("token", token, "pid", pid, "offset", offset),
                "transports", List.of("websocket"));
    }

    private static void connectThrough(NodeClients clients, String name, CuttableProxy proxy, String token) {
        clients.connect(name, proxy.url(), Map.of("auth", Map.of("token", token), "transports", List.of("websocket"),
                "reconnection", true));
    }

    private static int port(String url) {
        return URI.create(url).getPort();
    }

    private static void join(NodeClients clients, String name, int student) {
        assertThat(clients.emitWithAck(name, "join", new JSONObject().put("userId", student)).getBoolean("ok"))
                .isTrue();
    }

    private static int post(NodeClients clients, String name, String text) {
        JSONObject ack = clients.emitWithAck(name, "message:send", new JSONObject().put("message", text));
        assertThat(ack.getBoolean("ok")).as(ack.toString()).isTrue();
        return ack.getJSONObject("message").getInt("chat_id");
    }

    private static int reply(NodeClients clients, String name, int student, String text) {
        JSONObject ack = clients.emitWithAck(name, "message:send",
                new JSONObject().put("user_id", student).put("message", text));
        assertThat(ack.getBoolean("ok")).as(ack.toString()).isTrue();
        return ack.getJSONObject("message").getInt("chat_id");
    }

    /** The {@code n}th connect of socket {@code name} (from 1). */
    private static JSONObject awaitConnect(NodeClients clients, String name, int n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> connects(clients, name).size() >= n);
        return connects(clients, name).get(n - 1);
    }

    private static List<JSONObject> connects(NodeClients clients, String name) {
        return clients.matching(r -> name.equals(r.optString("name")) && "connect".equals(r.optString("type")));
    }

    private static JSONObject awaitMessage(NodeClients clients, String name, int chatId) {
        return clients.awaitRecord(name, r -> "message:new".equals(r.optString("event"))
                && payload(r).getInt("chat_id") == chatId);
    }

    private static void awaitRead(NodeClients clients, String name, int chatId) {
        clients.awaitRecord(name, r -> "message:read".equals(r.optString("event"))
                && payload(r).getInt("messageId") == chatId);
    }

    private static List<JSONObject> events(NodeClients clients, String name) {
        return clients.matching(r -> name.equals(r.optString("name")) && "event".equals(r.optString("type")));
    }

    private static List<Integer> messageIds(NodeClients clients, String name) {
        return clients.events(name, "message:new").stream().map(e -> payload(e).getInt("chat_id")).toList();
    }

    private static int indexOf(List<JSONObject> events, String event, int id) {
        for (int i = 0; i < events.size(); i++) {
            JSONObject payload = events.get(i).getString("event").equals(event) ? payload(events.get(i)) : null;
            if (payload != null && payload.optInt("message:new".equals(event) ? "chat_id" : "messageId") == id) {
                return i;
            }
        }
        throw new AssertionError("no " + event + " of " + id + " in " + events);
    }

    private static JSONObject payload(JSONObject event) {
        return event.getJSONArray("args").getJSONObject(0);
    }

    private static Object last(JSONObject event) {
        JSONArray args = event.getJSONArray("args");
        return args.get(args.length() - 1);
    }
}
