package io.chatsync.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL server the benchmark runs on: the machine's own at 127.0.0.1:5432 (started with pg_ctlcluster when
 * it is installed but stopped), else an embedded one. Each database the benchmark uses is created afresh.
 */
final class Database implements AutoCloseable {

    private final String host;
    private final int port;
    private final String user;
    private final String name;
    private final EmbeddedPostgres embedded;

    private Database(String host, int port, String user, String name, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.name = name;
        this.embedded = embedded;
    }

    /** The machine's server, or an embedded one when there is none or {@code embedded} asks for it. */
    static Database server(String host, int port, String user, boolean embedded)
            throws IOException, InterruptedException {
        if (embedded) {
            return embedded();
        }
        Database local = new Database(host, port, user, "postgres", null);
        if (local.reachable()) {
            return local;
        }
        Path clusters = Path.of("/etc/postgresql");
        if (Files.isDirectory(clusters)) {
            try (var versions = Files.list(clusters)) {
                for (Path version : (Iterable<Path>) versions::iterator) {
                    Process start = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect",
                            version.getFileName().toString(), "main", "start").inheritIO().start();
                    start.waitFor(60, TimeUnit.SECONDS);
                }
            }
            if (local.reachable()) {
                return local;
            }
        }
        return embedded();
    }

    private static Database embedded() throws IOException {
        // Durable as a real server: the library's defaults turn fsync and synchronous_commit off.
        EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
        return new Database("127.0.0.1", embedded.getPort(), "postgres", "postgres", embedded);
    }

    private boolean reachable() {
        try (Connection connection = connect()) {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /** A new, empty database {@code database} on this server (dropped first if it exists). */
    Database recreate(String database) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
        return new Database(host, port, user, database, null);
    }

    void drop(String database) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    String user() {
        return user;
    }

    String name() {
        return name;
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        return properties;
    }

    Connection connect() throws SQLException {
        Properties properties = properties();
        properties.setProperty("ApplicationName", "chatsync-benchmark:admin");
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The one number a query such as {@code SELECT count(*) ...} answers. */
    long count(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             var row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    String version() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             var row = statement.executeQuery("SHOW server_version")) {
            row.next();
            return row.getString(1);
        }
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
