package io.chatsync.adapters.postgres.feed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** What the database itself says was committed: the truth a feed's hand-overs are checked against. */
final class ChangeLog {

    private ChangeLog() {
    }

    static List<Long> positionsAfter(DataSource dataSource, long after) throws SQLException {
        List<Long> positions = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT position FROM chat_changes WHERE position > ? ORDER BY position")) {
            statement.setLong(1, after);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    positions.add(rows.getLong(1));
                }
            }
        }
        return positions;
    }

    static long end(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT coalesce(max(position), 0) FROM chat_changes");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * How long the wake-up lease still runs, in milliseconds on the database's clock: zero or less when it has
     * ended, or was never taken.
     */
    static long leaseMillisLeft(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT coalesce(pg_sequence_last_value('chat_feed_listening_until'), 0) "
                                + "- CAST(date_part('epoch', clock_timestamp()) * 1000 AS bigint)");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
