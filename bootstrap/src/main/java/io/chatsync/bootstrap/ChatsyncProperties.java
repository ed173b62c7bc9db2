package io.chatsync.bootstrap;

import io.chatsync.domain.message.BodyPolicy;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code chatsync.*}.
 *
 * @param nodeName names this node in logs and in {@code pg_stat_activity}; defaults to host and process id
 * @param maxMessageLength the most characters a message body may have
 * @param embeddedDatabase where the embedded PostgreSQL keeps its data when no database is configured
 */
@ConfigurationProperties("chatsync")
public record ChatsyncProperties(String nodeName, Integer maxMessageLength, EmbeddedDatabase embeddedDatabase) {

    public ChatsyncProperties {
        if (maxMessageLength == null) {
            maxMessageLength = BodyPolicy.DEFAULT_MAX_LENGTH;
        }
        if (embeddedDatabase == null) {
            embeddedDatabase = new EmbeddedDatabase(null, null);
        }
    }

    /**
     * @param dataDirectory kept across restarts; {@code data/postgres} under the working directory by default
     * @param port 0 or unset for any free port
     */
    public record EmbeddedDatabase(Path dataDirectory, Integer port) {

        public EmbeddedDatabase {
            if (dataDirectory == null) {
                dataDirectory = Path.of("data", "postgres");
            }
            if (port == null) {
                port = 0;
            }
        }
    }
}
