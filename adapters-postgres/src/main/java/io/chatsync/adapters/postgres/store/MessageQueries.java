package io.chatsync.adapters.postgres.store;

import io.chatsync.domain.message.ChatMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The store's reads of whole messages, every column of the row ({@link ChatRowReader}), in SQL one can paste into
 * psql. A column added to {@code chats} changes what {@code chats.*} returns: PostgreSQL then refuses a statement
 * a connection prepared before ("cached plan must not change result type"), and pgjdbc, outside a transaction,
 * prepares it anew and runs it again by itself.
 */
final class MessageQueries {

    static final String BY_ID = """
            SELECT chats.*, users.full_name AS chatsync_full_name, users.avatar_url AS chatsync_avatar_url
            FROM chats LEFT JOIN users ON users.user_id = chats.user_id
            WHERE chats.chat_id = ?""";

    static final String BY_IDEMPOTENCY_KEY = """
            SELECT chats.*, users.full_name AS chatsync_full_name, users.avatar_url AS chatsync_avatar_url
            FROM chats LEFT JOIN users ON users.user_id = chats.user_id
            WHERE chats.posted_by = ? AND chats.idempotency_key = ?""";

    /** A page of a thread's history, newest first, below a chat id ({@link #FIRST_PAGE} for the newest). */
    static final String NEWEST_OF_THREAD = """
            SELECT chats.*, users.full_name AS chatsync_full_name, users.avatar_url AS chatsync_avatar_url
            FROM chats LEFT JOIN users ON users.user_id = chats.user_id
            WHERE chats.user_id = ? AND chats.chat_id < ?
            ORDER BY chats.chat_id DESC
            LIMIT ?""";

    /**
     * A page of the conversation list from chats itself, which costs what the table is: read until the summary is
     * complete ({@link ThreadSummary}).
     */
    static final String CONVERSATIONS = """
            SELECT (SELECT count(*) FROM chats unread
                    WHERE unread.user_id = chats.user_id AND unread.sender = 'student'
                      AND unread.read_by_teacher = false) AS unread_by_staff,
                   chats.*, users.full_name AS chatsync_full_name, users.avatar_url AS chatsync_avatar_url
            FROM (SELECT max(chat_id) AS last_id FROM chats GROUP BY user_id HAVING max(chat_id) < ?) newest
            JOIN chats ON chats.chat_id = newest.last_id
            LEFT JOIN users ON users.user_id = chats.user_id
            ORDER BY chats.chat_id DESC
            LIMIT ?""";

    /**
     * A page of the conversation list from the summary, each thread's newest message below a chat id ({@link
     * #FIRST_PAGE} for the newest): a walk of chat_threads_newest_idx for the page, then a primary-key probe into
     * chats for each of its rows (a LATERAL subquery that OFFSET 0 keeps from being pulled up: whatever the
     * statistics, the planner cannot merge-join with a backward scan of chats, which reads every message newer than
     * the page's oldest).
     */
    static final String SUMMARY_CONVERSATIONS = """
            SELECT t.unread_by_staff, m.*
            FROM (SELECT last_chat_id, unread_by_staff FROM chat_threads
                  WHERE last_chat_id < ? ORDER BY last_chat_id DESC LIMIT ?) t
            CROSS JOIN LATERAL (
                SELECT chats.*, users.full_name AS chatsync_full_name, users.avatar_url AS chatsync_avatar_url
                FROM chats LEFT JOIN users ON users.user_id = chats.user_id
                WHERE chats.chat_id = t.last_chat_id
                OFFSET 0) m
            ORDER BY t.last_chat_id DESC""";

    /** The bound of the first page: every chat id is below it. */
    static final int FIRST_PAGE = Integer.MAX_VALUE;

    /** What a row gives besides its message. */
    interface Row<T> {
        T map(ResultSet row, ChatMessage message) throws SQLException;
    }

    private final DSLContext sql;
    private final ChatRowReader rows;

    MessageQueries(DSLContext sql, ChatRowReader rows) {
        this.sql = sql;
        this.rows = rows;
    }

    /**
     * The rows of {@code query} with {@code parameters}; the message's columns start at {@code firstColumn}.
     */
    <T> List<T> fetch(String query, int firstColumn, Row<T> row, Object... parameters) {
        return sql.connectionResult(connection -> run(connection, query, firstColumn, row, parameters));
    }

    List<ChatMessage> messages(String query, Object... parameters) {
        return fetch(query, 1, (row, message) -> message, parameters);
    }

    private <T> List<T> run(Connection connection, String query, int firstColumn, Row<T> row, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet results = statement.executeQuery()) {
                ChatRowReader.Layout layout = new ChatRowReader.Layout(results.getMetaData(), firstColumn);
                List<T> found = new ArrayList<>();
                while (results.next()) {
                    ChatMessage message = rows.message(results, layout);
                    if (message != null) {
                        found.add(row.map(results, message));
                    }
                }
                return found;
            }
        }
    }
}
