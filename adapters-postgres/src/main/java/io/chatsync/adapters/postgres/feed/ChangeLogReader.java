package io.chatsync.adapters.postgres.feed;

import static io.chatsync.adapters.postgres.schema.Tables.CHATS;
import static io.chatsync.adapters.postgres.schema.Tables.CHAT_CHANGES;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;

import io.chatsync.adapters.postgres.store.ChatRows;
import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.delivery.FeedPosition;
import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.StudentId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the changes committed since a node's cursor: one query per batch, with full rows and profiles for new
 * messages. Which changes those are is decided by transaction visibility (docs/change-feed.md, "The cursor").
 */
final class ChangeLogReader {

    /**
     * The changes read, how many log rows they came from (a message deleted since is not handed over), how many
     * rows could not be read as a change (a legacy row breaking the model) and were skipped, and the cursor after
     * them.
     */
    record Batch(List<ChatChange> changes, int rows, int unreadable, LogCursor next) {
    }

    private static final Logger log = LoggerFactory.getLogger(ChangeLogReader.class);

    /**
     * The columns both reads return, in order, as jOOQ fields: the log row, then the {@code chats} row and its
     * student's profile ({@link ChatRows#message}), which are null for a read-flag change.
     */
    private static final Field<?>[] FIELDS = Stream.concat(
                    Stream.of(CHAT_CHANGES.POSITION, CHAT_CHANGES.KIND, CHAT_CHANGES.CHAT_ID, CHAT_CHANGES.USER_ID,
                            CHAT_CHANGES.READ_BY_STUDENT, CHAT_CHANGES.READ_BY_TEACHER, CHAT_CHANGES.RECORDED_AT),
                    ChatRows.MESSAGE_FIELDS.stream().map(Field.class::cast))
            .toArray(Field<?>[]::new);

    /** The snapshot the read of what committed since the cursor saw, the last column of each of its rows. */
    private static final Field<String> READ_AT = field(name("read_at"), String.class);

    private static final Field<?>[] FIELDS_READ_AT = Stream.concat(Arrays.stream(FIELDS), Stream.of(READ_AT))
            .toArray(Field<?>[]::new);

    private static final String COLUMNS = """
            c.position, c.kind, c.chat_id, c.user_id, c.read_by_student, c.read_by_teacher, c.recorded_at,
            m.chat_id, m.user_id, m.sender, m.message, m.read_by_student, m.read_by_teacher, m.created_at,
            m.full_name, m.avatar_url""";

    /** A new message's row and profile, looked up by its primary key for each change a read returns. */
    private static final String MESSAGE = """
            LEFT JOIN LATERAL (
                SELECT chats.chat_id, chats.user_id, chats.sender, chats.message, chats.read_by_student,
                       chats.read_by_teacher, chats.created_at, users.full_name, users.avatar_url
                FROM chats LEFT JOIN users ON users.user_id = chats.user_id
                WHERE chats.chat_id = c.chat_id
                OFFSET 0) m ON c.kind = 'message'""";

    /**
     * The changes of the transactions that committed between the cursor's snapshot (parameters 1 and 2) and the
     * statement's own, the first ones (parameter 3) in position order, with that snapshot. A committed change was
     * written by a transaction that was running when the cursor's snapshot was taken ({@code xip}) or started
     * later ({@code >= xmax}): both are looked up in the index on {@code written_in}, and the other end of the
     * range lets the planner's estimate for a prepared statement favour that index. The statement's snapshot is
     * the same wherever it is asked for; each sub-select asks once, not once per row.
     */
    private static final String COMMITTED_SINCE = """
            WITH committed AS MATERIALIZED (
                SELECT position, kind, chat_id, user_id, read_by_student, read_by_teacher, recorded_at
                FROM chat_changes
                WHERE ((written_in >= pg_snapshot_xmax((SELECT CAST(? AS pg_snapshot)))
                        AND written_in < pg_snapshot_xmax((SELECT pg_current_snapshot())))
                       OR written_in = ANY (ARRAY(SELECT pg_snapshot_xip(CAST(? AS pg_snapshot)))))
                  AND pg_visible_in_snapshot(written_in, (SELECT pg_current_snapshot())))
            SELECT %s, (SELECT CAST(pg_current_snapshot() AS text))
            FROM (SELECT * FROM committed ORDER BY position LIMIT ?) c
            %s
            ORDER BY c.position""".formatted(COLUMNS, MESSAGE);

    /**
     * The rest of a read that filled a batch: the changes visible in its snapshot (parameter 2) and not in the
     * cursor's (parameter 3), after the last position handed over (parameter 1), the first ones (parameter 4).
     * They are found walking the primary key from that position, so reading a long backlog batch by batch costs
     * each row once.
     */
    private static final String COMMITTED_BETWEEN = """
            SELECT %s
            FROM (SELECT position, kind, chat_id, user_id, read_by_student, read_by_teacher, recorded_at
                  FROM chat_changes
                  WHERE position > ?
                    AND pg_visible_in_snapshot(written_in, (SELECT CAST(? AS pg_snapshot)))
                    AND NOT pg_visible_in_snapshot(written_in, (SELECT CAST(? AS pg_snapshot)))
                  ORDER BY position LIMIT ?) c
            %s
            ORDER BY c.position""".formatted(COLUMNS, MESSAGE);

    /** Where a node starts: everything committed now counts as handed over. */
    LogCursor now(DSLContext sql) {
        Record2<String, Long> now = sql.select(field("CAST(pg_current_snapshot() AS text)", String.class),
                        coalesce(max(CHAT_CHANGES.POSITION), val(0L)))
                .from(CHAT_CHANGES).fetchSingle();
        return LogCursor.at(now.value1(), new FeedPosition(now.value2()));
    }

    /**
     * The two reads of one connection, prepared once: the feed reads on every wake-up, up to hundreds of times a
     * second, and a prepared statement is planned once. (They are written in SQL rather than built with jOOQ:
     * they are made of PostgreSQL's snapshot functions; jOOQ still maps the rows.)
     */
    static final class PreparedRead implements AutoCloseable {

        private final DSLContext sql;
        private final PreparedStatement committedSince;
        private final PreparedStatement committedBetween;

        PreparedRead(DSLContext sql, Connection connection) throws SQLException {
            this.sql = sql;
            this.committedSince = connection.prepareStatement(COMMITTED_SINCE);
            this.committedBetween = connection.prepareStatement(COMMITTED_BETWEEN);
        }

        /** The connection's jOOQ context, for its other queries. */
        DSLContext sql() {
            return sql;
        }

        @Override
        public void close() throws SQLException {
            try (committedSince; committedBetween) {
                // closes both, the second even when closing the first fails
            }
        }
    }

    Batch read(PreparedRead read, LogCursor cursor, int limit) throws SQLException {
        List<Record> rows;
        String upTo;
        if (cursor.unfinished()) {
            PreparedStatement statement = read.committedBetween;
            statement.setLong(1, cursor.after());
            statement.setString(2, cursor.upTo());
            statement.setString(3, cursor.seen());
            statement.setInt(4, limit);
            rows = fetch(read.sql, statement, FIELDS);
            upTo = cursor.upTo();
        } else {
            PreparedStatement statement = read.committedSince;
            statement.setString(1, cursor.seen());
            statement.setString(2, cursor.seen());
            statement.setInt(3, limit);
            rows = fetch(read.sql, statement, FIELDS_READ_AT);
            upTo = rows.isEmpty() ? null : rows.get(0).get(READ_AT);
        }
        List<ChatChange> changes = new ArrayList<>(rows.size());
        FeedPosition last = cursor.last();
        int unreadable = 0;
        for (Record row : rows) {
            last = new FeedPosition(row.get(CHAT_CHANGES.POSITION));
            try {
                ChatChange change = toChange(row, last);
                if (change != null) {
                    changes.add(change);
                }
            } catch (RuntimeException e) {
                // One row that breaks the model (say, a legacy sender value) must not stop the feed on every node.
                unreadable++;
                log.error("Skipping change at position {} (chat_id {}): the row cannot be read as a message: {}",
                        last, row.get(CHAT_CHANGES.CHAT_ID), e.getMessage());
            }
        }
        // Nothing committed since the cursor's snapshot: it stays, and the next read looks from there again.
        LogCursor next = rows.isEmpty() && !cursor.unfinished()
                ? cursor
                : cursor.after(upTo, rows.size() == limit, last);
        return new Batch(changes, rows.size(), unreadable, next);
    }

    private static List<Record> fetch(DSLContext sql, PreparedStatement statement, Field<?>[] fields)
            throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            return sql.fetch(rows, fields);
        }
    }

    private static ChatChange toChange(Record row, FeedPosition position) {
        var recordedAt = row.get(CHAT_CHANGES.RECORDED_AT).toInstant();
        if ("read".equals(row.get(CHAT_CHANGES.KIND))) {
            return new ChatChange.ReadFlagsChanged(position, recordedAt, ChatId.of(row.get(CHAT_CHANGES.CHAT_ID)),
                    StudentId.of(row.get(CHAT_CHANGES.USER_ID)), row.get(CHAT_CHANGES.READ_BY_STUDENT),
                    row.get(CHAT_CHANGES.READ_BY_TEACHER));
        }
        if (row.get(CHATS.CHAT_ID) == null) {
            return null;
        }
        return new ChatChange.MessageAdded(position, recordedAt, ChatRows.message(row));
    }
}
