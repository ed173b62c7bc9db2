package io.chatsync.bootstrap.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.bootstrap.testing.ChatsyncNodes;
import io.chatsync.bootstrap.testing.NodeClients;
import io.chatsync.bootstrap.testing.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A site's own {@code chats} columns reach clients as the legacy backends sent them: compared, value for value,
 * with what node-postgres itself makes of the same rows ({@code src/test/node/legacy-row.js}), in the legacy
 * process's time zone. The columns are added while the node runs.
 */
@Timeout(120)
class SiteColumnsTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    /** The legacy backends' time zone: UTC+7, no daylight saving, so a date's midnight is the day before in UTC. */
    static final String LEGACY_ZONE = "Asia/Ho_Chi_Minh";

    /** One column of each kind node-postgres treats apart, and one the site keeps from students. */
    static final String ADD_COLUMNS = """
            ALTER TABLE chats
                ADD COLUMN attachment_url text,
                ADD COLUMN course_id bigint,
                ADD COLUMN score numeric(6, 2),
                ADD COLUMN ratio double precision,
                ADD COLUMN pinned boolean,
                ADD COLUMN meta jsonb,
                ADD COLUMN raw_meta json,
                ADD COLUMN seen_at timestamptz,
                ADD COLUMN due_on date,
                ADD COLUMN local_at timestamp,
                ADD COLUMN tag_ids integer[],
                ADD COLUMN labels text[],
                ADD COLUMN big_ids bigint[],
                ADD COLUMN ref uuid,
                ADD COLUMN thumbnail bytea,
                ADD COLUMN internal_note text""";

    static final String FULL_ROW = """
            INSERT INTO chats (user_id, sender, message, attachment_url, course_id, score, ratio, pinned, meta,
                               raw_meta, seen_at, due_on, local_at, tag_ids, labels, big_ids, ref, thumbnail,
                               internal_note)
            VALUES (?, 'student', 'with every kind of column', 'https://lms.example/files/1.pdf', 9007199254740993,
                    12.50, 0.25, true, '{"b": 1, "a": [1, "x", null], "nested": {"k": "v"}}',
                    '{"spaced":  true,"a":1}', '2026-03-01 10:15:30.123456+00', '2026-03-01',
                    '2026-03-01 08:00:00.5', '{1,2,NULL}', '{"a b","c,d",NULL,"q\\"uote"}', '{1,9007199254740993}',
                    '2a7c0f4e-3c44-4ad1-9a1c-6b2d6f0b9c11', '\\xdeadbeef', 'needs a call home')""";

    static final ChatsyncNodes nodes = new ChatsyncNodes();
    static ChatsyncNodes.Node node;
    static ChatFixtures fixtures;

    @BeforeAll
    static void aNode() {
        node = nodes.start("site-columns", database.url(),
                "--chatsync.rows.legacy-time-zone=" + LEGACY_ZONE,
                "--chatsync.rows.hidden-from-students=internal_note");
        fixtures = new ChatFixtures(database.dataSource());
    }

    @AfterAll
    static void stopNode() {
        nodes.close();
    }

    @Test
    void everyColumnOfTheRowReachesStaffAsNodePostgresShowsItAndStudentsMissOnlyWhatIsKeptFromThem()
            throws Exception {
        int student = fixtures.student("Xuan Mai");
        try (NodeClients clients = new NodeClients()) {
            clients.connectWithToken("staff", node.staffUrl(), Tokens.staff("teacher-9"));
            clients.connectWithToken("student", node.studentUrl(), Tokens.student(student));
            clients.awaitConnected("staff");
            clients.awaitConnected("student");

            int before = fixtures.message(student, "student", "from before the columns were added");
            newMessage(clients, "staff", before);
            Map<Integer, JSONObject> legacy = new HashMap<>(legacyRows(before));
            fixtures.update(ADD_COLUMNS);
            int full = insert(FULL_ROW, student);
            int empty = fixtures.message(student, "student", "after the columns were added, all of them null");
            legacy.putAll(legacyRows(full, empty));

            for (int chat : List.of(before, full, empty)) {
                JSONObject staffSaw = newMessage(clients, "staff", chat);
                JSONObject expected = withoutChatsyncColumns(legacy.get(chat));
                assertThat(staffSaw.similar(expected)).as("chat %d: chatsync %s, node-postgres %s", chat, staffSaw,
                        expected).isTrue();

                JSONObject studentSaw = newMessage(clients, "student", chat);
                expected.remove("internal_note");
                assertThat(studentSaw.similar(expected)).as("chat %d to the student: %s", chat, studentSaw).isTrue();
            }
            JSONObject fullSeen = newMessage(clients, "staff", full);
            assertThat(fullSeen.getString("course_id")).isEqualTo("9007199254740993");
            assertThat(fullSeen.getString("due_on")).isEqualTo("2026-02-28T17:00:00.000Z");
            assertThat(fullSeen.has("thumbnail")).as("bytea is left out").isFalse();
            assertThat(fullSeen.has("posted_by") || fullSeen.has("idempotency_key")).isFalse();

            JSONArray history = history(Tokens.staff("teacher-9"), student);
            JSONObject fullInHistory = history.getJSONObject(1);
            assertThat(fullInHistory.getInt("chat_id")).isEqualTo(full);
            assertThat(fullInHistory.similar(withoutChatsyncColumns(legacy.get(full))))
                    .as("the HTTP API shows the row as the socket does: %s", fullInHistory).isTrue();
            assertThat(history(Tokens.student(student), student).getJSONObject(1).has("internal_note")).isFalse();
        }
    }

    private static int insert(String sql, int student) throws Exception {
        try (var connection = database.connection();
                var statement = connection.prepareStatement(sql + " RETURNING chat_id")) {
            statement.setInt(1, student);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static JSONObject newMessage(NodeClients clients, String name, int chat) {
        return clients.awaitRecord(name, record -> "message:new".equals(record.optString("event"))
                        && record.getJSONArray("args").getJSONObject(0).getInt("chat_id") == chat)
                .getJSONArray("args").getJSONObject(0);
    }

    /** chatsync's bookkeeping columns, which the legacy query would show and chatsync does not; and bytea. */
    private static JSONObject withoutChatsyncColumns(JSONObject row) {
        JSONObject copy = new JSONObject(row.toString());
        copy.remove("posted_by");
        copy.remove("idempotency_key");
        copy.remove("thumbnail");
        return copy;
    }

    private static JSONArray history(String token, int student) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(node.staffUrl() + "/api/threads/" + student + "/messages"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JSONObject(response.body()).getJSONArray("messages");
    }

    /** What node-postgres reads for {@code chats}, by chat id, run as a legacy backend in its time zone. */
    private static Map<Integer, JSONObject> legacyRows(int... chats) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "legacy-row.js", nodePostgresUrl(database.url())));
        for (int chat : chats) {
            command.add(Integer.toString(chat));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("src/test/node").toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("TZ", LEGACY_ZONE);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Map<Integer, JSONObject> rows = new HashMap<>();
        JSONArray array = new JSONArray(output.trim());
        for (int i = 0; i < array.length(); i++) {
            rows.put(array.getJSONObject(i).getInt("chat_id"), array.getJSONObject(i));
        }
        return rows;
    }

    /** {@code jdbc:postgresql://host:port/db?user=u&password=p} as node-postgres's connection string. */
    static String nodePostgresUrl(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(parts[0], parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        String user = query.getOrDefault("user", "postgres");
        String password = query.containsKey("password") ? ":" + query.get("password") : "";
        return "postgres://" + user + password + "@" + uri.getHost() + ":" + uri.getPort() + uri.getPath();
    }
}
