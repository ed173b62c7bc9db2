package io.chatsync.bootstrap.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatsync.ChatsyncApplication;
import io.chatsync.adapters.postgres.ChatsyncMigrations;
import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.PostgresServer;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.bootstrap.testing.ChatsyncNodes;
import io.chatsync.bootstrap.testing.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A demo node seeds its users once per database, signs tokens every demo node on that database accepts, offers
 * them only for its own users and never logs one; a node that is not a demo has no such endpoint.
 */
@Timeout(120)
@ExtendWith(OutputCaptureExtension.class)
class DemoModeTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    static final HttpClient http = HttpClient.newHttpClient();
    static final ChatsyncNodes nodes = new ChatsyncNodes();
    static ChatsyncNodes.Node demoA;
    static ChatsyncNodes.Node demoB;

    @BeforeAll
    static void twoDemoNodes() {
        demoA = nodes.start("demo-a", database.url(), "--chatsync.demo.enabled=true");
        demoB = nodes.start("demo-b", database.url(), "--chatsync.demo.enabled=true");
    }

    @AfterAll
    static void stopNodes() {
        nodes.close();
    }

    record Reply(int status, String body) {
        JSONObject json() {
            return new JSONObject(body);
        }
    }

    static Reply get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    static Reply mint(String baseUrl, String user) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/demo/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JSONObject().put("user", user).toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    static List<JSONObject> users(ChatsyncNodes.Node node) throws Exception {
        Reply reply = get(node.staffUrl() + "/api/demo/users", null);
        assertThat(reply.status()).isEqualTo(200);
        JSONArray users = reply.json().getJSONArray("users");
        List<JSONObject> list = new ArrayList<>();
        users.forEach(user -> list.add((JSONObject) user));
        return list;
    }

    @Test
    void bothNodesOfferTheSameUsersSeededOnceWithAFirstMessageEach() throws Exception {
        List<JSONObject> onA = users(demoA);
        assertThat(onA).extracting(user -> user.getString("role")).containsExactly("teacher", "student", "student",
                "student");
        assertThat(users(demoB)).extracting(JSONObject::toString)
                .containsExactlyElementsOf(onA.stream().map(JSONObject::toString).toList());
        ChatFixtures fixtures = new ChatFixtures(database.dataSource());
        for (String name : DemoUsers.STUDENTS) {
            assertThat(fixtures.count("SELECT count(*) FROM users WHERE full_name = ?", name)).as(name).isEqualTo(1);
            assertThat(fixtures.count("SELECT count(*) FROM chats JOIN users USING (user_id) WHERE full_name = ?",
                    name)).as("%s's first message", name).isGreaterThanOrEqualTo(1);
        }
        JSONObject roster = get(demoA.staffUrl() + "/api/demo/users", null).json();
        assertThat(roster.getInt("staffPort")).isEqualTo(URI.create(demoA.staffUrl()).getPort());
        assertThat(roster.getInt("studentPort")).isEqualTo(URI.create(demoA.studentUrl()).getPort());
    }

    @Test
    void aTokenMintedOnOneDemoNodeIsAcceptedByTheOther(CapturedOutput output) throws Exception {
        JSONObject student = users(demoA).get(1);
        String studentToken = mint(demoA.staffUrl(), student.getString("id")).json().getString("token");
        String teacherToken = mint(demoB.staffUrl(), "demo-teacher").json().getString("token");

        assertThat(get(demoB.staffUrl() + "/api/me/unread", studentToken).status()).isEqualTo(200);
        Reply list = get(demoA.staffUrl() + "/api/conversations", teacherToken);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(student.getString("name"));
        // Tokens are handed out, never logged; the console's address is.
        assertThat(output.getAll()).doesNotContain(studentToken).doesNotContain(teacherToken)
                .contains("Demo mode").contains("/console/");
    }

    @Test
    void theDemoSignsTokensForItsOwnUsersOnly() throws Exception {
        int outsider = new ChatFixtures(database.dataSource()).student("Not in the demo");
        Reply refused = mint(demoA.staffUrl(), Integer.toString(outsider));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).doesNotContain("eyJ");
        assertThat(mint(demoA.staffUrl(), "admin").status()).isEqualTo(400);
        // A token of the LMS's secret means nothing to a demo node.
        assertThat(get(demoA.staffUrl() + "/api/me/unread", Tokens.student(outsider)).status()).isEqualTo(401);
    }

    @Test
    void aNodeThatIsNotADemoHasNoDemoEndpointsAndRefusesDemoTokens() throws Exception {
        String demoToken = mint(demoA.staffUrl(), "demo-teacher").json().getString("token");
        try (ChatsyncNodes plain = new ChatsyncNodes()) {
            ChatsyncNodes.Node node = plain.start("plain", database.url());
            assertThat(get(node.staffUrl() + "/api/demo/users", null).status()).isEqualTo(404);
            assertThat(mint(node.staffUrl(), "demo-teacher").status()).isEqualTo(404);
            assertThat(get(node.staffUrl() + "/api/conversations", demoToken).status()).isEqualTo(401);
        }
    }

    /** A database with users of its own is a site's: a demo refuses to write its users and messages into it. */
    @Test
    void aDemoRefusesASitesDatabase() throws Exception {
        String site = PostgresServer.get().createDatabase("DemoSite");
        try {
            PGSimpleDataSource data = new PGSimpleDataSource();
            data.setURL(site);
            ChatsyncMigrations.migrate(data);
            ChatFixtures fixtures = new ChatFixtures(data);
            fixtures.student("A real student");
            assertThatThrownBy(() -> ChatsyncApplication.main(new String[] {
                    "--demo", "--server.port=0", "--management.server.port=0", "--chatsync.gateway.student-port=0",
                    "--spring.main.banner-mode=off", "--spring.datasource.url=" + site}))
                    .satisfies(error -> assertThat(messages(error)).contains("chatsync.demo.enabled")
                            .contains("a site's database"));
            assertThat(fixtures.count("SELECT count(*) FROM users")).isEqualTo(1);
            assertThat(fixtures.count("SELECT count(*) FROM chats")).isZero();
        } finally {
            PostgresServer.get().dropDatabase(site);
        }
    }

    static String messages(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Test
    void aDemoRefusesToStartBesideTheLmsSecret() {
        assertThatThrownBy(() -> ChatsyncApplication.main(new String[] {
                "--demo", "--server.port=0", "--management.server.port=0", "--chatsync.gateway.student-port=0",
                "--spring.main.banner-mode=off", "--spring.datasource.url=" + database.url(),
                "--chatsync.auth.jwt-secret=" + Tokens.SECRET}))
                .satisfies(error -> assertThat(messages(error)).contains("chatsync.demo.enabled")
                        .contains("chatsync.auth.jwt-secret"));
    }
}
