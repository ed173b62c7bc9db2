package io.chatsync.adapters.postgres.feed;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens a node's two feed connections, each named for its node and role, with the settings' time-outs. */
final class FeedConnections {

    private final ChangeFeedSettings settings;

    FeedConnections(ChangeFeedSettings settings) {
        this.settings = settings;
    }

    /** The connection that {@code LISTEN}s; every read on its socket raises {@code wakeUps}. */
    Connection openListener(WakeUps wakeUps) throws SQLException {
        try (WakeUpHandOff handOff = new WakeUpHandOff(wakeUps)) {
            Properties properties = properties(settings.listenerApplicationName());
            properties.setProperty("socketFactory", ListenerSocketFactory.class.getName());
            properties.setProperty("socketFactoryArg", handOff.key());
            return open(properties);
        }
    }

    /** The connection that reads the change log. */
    Connection openReader() throws SQLException {
        return open(properties(settings.readerApplicationName()));
    }

    private Connection open(Properties properties) throws SQLException {
        Connection connection = DriverManager.getConnection(settings.jdbcUrl(), properties);
        connection.setAutoCommit(true);
        return connection;
    }

    private Properties properties(String applicationName) {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("socketTimeout", Long.toString(settings.socketTimeout().toSeconds()));
        properties.setProperty("connectTimeout", Long.toString(settings.socketTimeout().toSeconds()));
        properties.setProperty("tcpKeepAlive", "true");
        return properties;
    }
}
