package io.chatsync.bootstrap.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatsync.ChatsyncApplication;
import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.application.history.LoadThreadHistoryUseCase;
import io.chatsync.application.history.ThreadHistoryQuery;
import io.chatsync.application.posting.PostMessageCommand;
import io.chatsync.application.posting.PostMessageUseCase;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * With no database configured, a node runs on its own PostgreSQL, durably, and what it stored is there after a
 * restart.
 */
class EmbeddedDefaultTest {

    @TempDir
    Path workingDirectory;

    @Test
    @Timeout(180)
    void aNodeWithoutADatabaseKeepsItsDataAcrossRestarts() {
        ChatMessage posted;
        StudentId student;
        try (ConfigurableApplicationContext node = start()) {
            assertThat(node.getBeansOfType(EmbeddedPostgres.class)).hasSize(1);
            JdbcTemplate sql = new JdbcTemplate(node.getBean(DataSource.class));
            for (String durable : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                assertThat(sql.queryForObject("SHOW " + durable, String.class)).as(durable).isEqualTo("on");
            }
            student = StudentId.of(new ChatFixtures(node.getBean(DataSource.class)).student("Hoa Nguyen"));
            posted = node.getBean(PostMessageUseCase.class)
                    .post(new PostMessageCommand(new Participant.Student(student), student, "Em đây ạ"));
        }

        try (ConfigurableApplicationContext restarted = start()) {
            assertThat(restarted.getBean(LoadThreadHistoryUseCase.class)
                    .load(new ThreadHistoryQuery(Participant.staff("1"), student, null, 10)).messages())
                    .containsExactly(posted);
        }
    }

    /** A node told where its database is fails when it does not answer, and never starts one of its own instead. */
    @Test
    @Timeout(60)
    void aNodeGivenADatabaseThatDoesNotAnswerFailsInsteadOfFallingBack() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path data = workingDirectory.resolve("data/postgres");
        assertThatThrownBy(() -> SpringApplication.run(ChatsyncApplication.class,
                "--server.port=0",
                "--management.server.port=0",
                "--chatsync.gateway.student-port=0",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + closedPort + "/lms_ecenter",
                "--spring.datasource.hikari.connection-timeout=1000",
                "--chatsync.embedded-database.data-directory=" + data))
                .satisfies(error -> {
                    StringBuilder messages = new StringBuilder();
                    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
                        messages.append(cause.getMessage()).append('\n');
                    }
                    assertThat(messages.toString()).contains("127.0.0.1:" + closedPort);
                });
        assertThat(data).doesNotExist();
    }

    private ConfigurableApplicationContext start() {
        return SpringApplication.run(ChatsyncApplication.class,
                "--server.port=0",
                "--management.server.port=0",
                "--chatsync.gateway.student-port=0",
                "--spring.main.banner-mode=off",
                "--chatsync.embedded-database.data-directory=" + workingDirectory.resolve("data/postgres"));
    }
}
