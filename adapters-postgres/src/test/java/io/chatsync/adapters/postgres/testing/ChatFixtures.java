package io.chatsync.adapters.postgres.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Small builders for rows the tests need, written with plain JDBC as any LMS backend would. */
public final class ChatFixtures {

    private final DataSource dataSource;

    public ChatFixtures(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts a user and returns its id. */
    public int student(String fullName) {
        return insertReturningId("INSERT INTO users (full_name, avatar_url) VALUES (?, ?) RETURNING user_id",
                fullName, "https://lms.example/avatars/" + fullName.toLowerCase().replace(' ', '-') + ".png");
    }

    private static final String MESSAGE = "INSERT INTO chats (user_id, sender, message, read_by_student, "
            + "read_by_teacher, created_at) VALUES (?, ?, ?, ?, ?, NOW()) RETURNING chat_id";

    /** Inserts a message the way the legacy backends do and returns its {@code chat_id}. */
    public int message(int student, String sender, String text) {
        return insertReturningId(MESSAGE, student, sender, text, sender.equals("student"), sender.equals("teacher"));
    }

    /**
     * The same, on {@code connection}: in its transaction, when it has one open, and with its session's settings.
     */
    public static int message(Connection connection, int student, String sender, String text) throws SQLException {
        try (PreparedStatement statement = prepare(connection, MESSAGE, student, sender, text,
                sender.equals("student"), sender.equals("teacher"));
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    public long count(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private int insertReturningId(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
