package io.chatsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.bootstrap.testing.NodeProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With Spring Boot's structured logging switched on, every line a node logs is one JSON object. */
@Timeout(120)
class StructuredLogsTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    @Test
    void everyLineIsAJsonObjectWithTimeLevelLoggerAndMessage() throws Exception {
        List<String> lines;
        try (NodeProcess node = NodeProcess.startAsShipped("structured", database.url(),
                "--logging.structured.format.console=ecs")) {
            node.stop();
            lines = Files.readAllLines(node.log(), StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    // What the JVM itself prints (a deprecation WARNING from a library) is not the node's log.
                    .filter(line -> !line.startsWith("WARNING: "))
                    .toList();
        }
        assertThat(lines).hasSizeGreaterThan(5);
        for (String line : lines) {
            JSONObject entry = new JSONObject(line);
            assertThat(entry.has("@timestamp") && entry.has("message")).as(line).isTrue();
            assertThat(entry.getJSONObject("log").has("level") && entry.getJSONObject("log").has("logger"))
                    .as(line).isTrue();
        }
        assertThat(lines).anySatisfy(line -> assertThat(new JSONObject(line).getString("message"))
                .contains("Started ChatsyncApplication"));
    }
}
