package io.chatsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.application.history.LoadThreadHistoryUseCase;
import io.chatsync.application.history.ThreadHistoryQuery;
import io.chatsync.application.posting.PostMessageCommand;
import io.chatsync.application.posting.PostMessageUseCase;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A whole node on a configured database: migrated at start, use cases wired to the real store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(60)
class ChatsyncNodeTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.empty();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::url);
        registry.add("chatsync.node-name", () -> "node-a");
        registry.add("chatsync.gateway.student-port", () -> "0");
        registry.add("management.server.port", () -> "0");
    }

    @Autowired
    PostMessageUseCase postMessage;

    @Autowired
    LoadThreadHistoryUseCase history;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    final ChatFixtures fixtures = new ChatFixtures(database.dataSource());

    @Test
    void aPostedMessageIsStoredAndComesBackInTheThreadsHistory() {
        StudentId student = StudentId.of(fixtures.student("Giang Vo"));

        ChatMessage posted = postMessage.post(new PostMessageCommand(Participant.staff("7"), student, "Chào Giang"));

        assertThat(history.load(new ThreadHistoryQuery(new Participant.Student(student), student, null, 10)).messages())
                .containsExactly(posted);
        assertThat(posted.student().fullName()).isEqualTo("Giang Vo");
    }

    @Test
    void connectionsNameTheNodeAndTheirRole() {
        await().atMost(Duration.ofSeconds(10)).until(() -> fixtures.count("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = 'chatsync:node-a:listener'""") == 1);
        assertThat(fixtures.count("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = 'chatsync:node-a:pool'""")).isPositive();
    }

    @Test
    void readinessFollowsTheChangeFeedAcrossALostListener() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/actuator/health/readiness").contains("\"UP\""));
        double reconnects = meters.counter("chatsync.feed.reconnects", "node", "node-a").count();

        fixtures.count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE application_name = 'chatsync:node-a:listener'");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.counter("chatsync.feed.reconnects", "node", "node-a").count() > reconnects);
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/actuator/health/readiness").contains("\"UP\""));
        assertThat(get("/actuator/health/readiness")).contains("changeFeed", "LISTENING");
    }

    @Test
    void aMessageWrittenByAnyoneReachesTheFeed() {
        StudentId student = StudentId.of(fixtures.student("Ivy Lam"));
        fixtures.message(student.value(), "student", "bare insert");

        await().atMost(Duration.ofSeconds(10)).until(() -> get("/actuator/health").contains("\"position\""));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.find("chatsync.feed.lag").timer() != null
                        && meters.find("chatsync.feed.lag").timer().count() > 0);
    }

    private String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void theActuatorIsNotOnThePublicPorts() throws Exception {
        HttpResponse<String> onStaffPort = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(onStaffPort.statusCode()).isEqualTo(404);
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }
}
