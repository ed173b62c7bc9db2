package io.chatsync.adapters.postgres.feed;

import static io.chatsync.adapters.postgres.schema.Tables.CHATS;
import static io.chatsync.adapters.postgres.schema.Tables.CHAT_CHANGES;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import io.chatsync.adapters.postgres.store.ChatRows;
import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.delivery.FeedPosition;
import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.StudentId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.TableField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the changes committed since a node's cursor, the new positions and the gaps it still awaits: one query per
 * batch, with full rows and profiles for new messages (docs/change-feed.md, "The cursor").
 */
final class ChangeLogReader {

    /**
     * The changes read, how many log rows they came from (a message deleted since is not handed over), how many
     * rows could not be read as a change (a legacy row breaking the model) and were skipped, whether the read
     * stopped at its limit (more may be waiting), and the cursor after them.
     */
    record Batch(List<ChatChange> changes, int rows, int unreadable, boolean full, LogCursor next) {
    }

    private static final Logger log = LoggerFactory.getLogger(ChangeLogReader.class);

    /** The log row's columns a read returns. */
    private static final List<Field<?>> LOG_FIELDS = List.of(CHAT_CHANGES.POSITION, CHAT_CHANGES.KIND,
            CHAT_CHANGES.CHAT_ID, CHAT_CHANGES.USER_ID, CHAT_CHANGES.READ_BY_STUDENT, CHAT_CHANGES.READ_BY_TEACHER,
            CHAT_CHANGES.RECORDED_AT);

    /** The oldest transaction still running, as the read's snapshot saw it. */
    private static final Field<Long> XMIN = field(name("xmin"), Long.class);

    /**
     * The columns a read returns, in order, as jOOQ fields: the log row, then the {@code chats} row and its
     * student's profile ({@link ChatRows#MESSAGE_FIELDS}, null for a read-flag change), then the {@code xmin}. The
     * statement's column lists are written from the same fields.
     */
    private static final Field<?>[] READ_FIELDS = Stream.concat(
                    Stream.concat(LOG_FIELDS.stream(), ChatRows.MESSAGE_FIELDS.stream().map(field -> (Field<?>) field)),
                    Stream.of(XMIN))
            .toArray(Field<?>[]::new);

    /**
     * The changes past the cursor (parameter 1), the first ones (parameter 2), and those in the cursor's gaps
     * (parameters 3 and 4: where each starts and ends), each with its message's row and student's profile, in
     * position order; and, in every row, the statement's snapshot's {@code xmin}. A read that finds nothing still
     * returns one row, with the {@code xmin} only.
     */
    private static final String READ = """
            SELECT %1$s, %2$s, s.xmin
            FROM (SELECT CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text) AS bigint) AS xmin) s
            LEFT JOIN (
                (SELECT %3$s FROM chat_changes WHERE position > ? ORDER BY position LIMIT ?)
                UNION ALL
                SELECT %4$s
                FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[])) AS awaited (first, last)
                JOIN chat_changes gap ON gap.position BETWEEN awaited.first AND awaited.last
            ) c ON true
            LEFT JOIN LATERAL (
                SELECT %5$s
                FROM chats LEFT JOIN users ON users.user_id = chats.user_id
                WHERE chats.chat_id = c.chat_id
                OFFSET 0) m ON c.kind = 'message'
            ORDER BY c.position""".formatted(
            columns("c", LOG_FIELDS), columns("m", ChatRows.MESSAGE_FIELDS), columns("chat_changes", LOG_FIELDS),
            columns("gap", LOG_FIELDS), columns(null, ChatRows.MESSAGE_FIELDS));

    /** The fields' columns, each named by {@code alias}, or by its own table when {@code alias} is null. */
    private static String columns(String alias, List<? extends SelectField<?>> fields) {
        return fields.stream()
                .map(field -> (alias != null ? alias : ((TableField<?, ?>) field).getTable().getName()) + "."
                        + field.getName())
                .collect(Collectors.joining(", "));
    }

    /**
     * How far back a starting node looks for gaps: a change whose transaction took its position more than this
     * many positions before the end of the log, and commits only after the node started, is not handed over by
     * that node (docs/change-feed.md).
     */
    static final long START_GAP_WINDOW = 1_000_000;

    /**
     * The end of the log, the position sequence's cache size, and every gap in the {@link #START_GAP_WINDOW}
     * positions below the end as ranges (none: one row with nulls).
     */
    private static final String START = """
            WITH log_end AS (SELECT coalesce(max(position), 0) AS position FROM chat_changes),
                 visible AS (SELECT position FROM chat_changes
                             WHERE position > (SELECT position FROM log_end) - ?
                             UNION ALL
                             SELECT greatest((SELECT position FROM log_end) - ?, 0)),
                 gaps AS (SELECT position + 1 AS first, lead(position) OVER (ORDER BY position) - 1 AS last
                          FROM visible)
            SELECT (SELECT position FROM log_end),
                   (SELECT seqcache FROM pg_sequence WHERE seqrelid = CAST('chat_change_position' AS regclass)),
                   gaps.first, gaps.last
            FROM (SELECT 1) one LEFT JOIN gaps ON gaps.last >= gaps.first
            ORDER BY gaps.first""";

    /** A transaction id taken now: a bound for every gap found before ({@link LogCursor#bounded}). */
    private static final String TAKE_TRANSACTION_ID = "SELECT CAST(CAST(pg_current_xact_id() AS text) AS bigint)";

    /**
     * Takes or renews a wake-up lease: writers that would not notify otherwise notify until at least the given
     * number of milliseconds from now, on the database's clock. Returns the last position handed out by then,
     * whether or not its transaction has committed (or ever will) (R__feed_wake_up_lease.sql).
     */
    private static final String HOLD_LEASE = "SELECT chat_feed_hold_lease(?)";

    /**
     * Where a node starts: everything committed now counts as handed over; what transactions still running
     * commit later, whatever its position, is still to come.
     *
     * @throws IllegalStateException when the position sequence hands out more than one value at a time, so
     *         positions no longer follow the order writers reach the log (the cursor's gaps would not hold)
     */
    LogCursor start(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(START)) {
            statement.setLong(1, START_GAP_WINDOW);
            statement.setLong(2, START_GAP_WINDOW);
            try (ResultSet rows = statement.executeQuery()) {
                long end = 0;
                List<LogCursor.Gap> gaps = new ArrayList<>();
                while (rows.next()) {
                    end = rows.getLong(1);
                    long cache = rows.getLong(2);
                    if (cache != 1) {
                        throw new IllegalStateException("the sequence chat_change_position has CACHE " + cache
                                + "; the change feed needs CACHE 1 (ALTER SEQUENCE chat_change_position CACHE 1)");
                    }
                    long first = rows.getLong(3);
                    if (!rows.wasNull()) {
                        gaps.add(new LogCursor.Gap(first, rows.getLong(4), LogCursor.UNBOUNDED));
                    }
                }
                return LogCursor.start(end, gaps);
            }
        }
    }

    /**
     * The read of one connection, prepared once: the feed reads on every wake-up, up to hundreds of times a
     * second, and a prepared statement is planned once. (It is written in SQL rather than built with jOOQ: it is
     * made of a union, an array join and PostgreSQL's snapshot functions; jOOQ still maps the rows.)
     */
    static final class PreparedRead implements AutoCloseable {

        private final DSLContext sql;
        private final Connection connection;
        private final PreparedStatement statement;
        private final PreparedStatement takeTransactionId;
        private final PreparedStatement holdLease;

        PreparedRead(DSLContext sql, Connection connection) throws SQLException {
            this.sql = sql;
            this.connection = connection;
            try (Statement settings = connection.createStatement()) {
                // The planner cannot know how many gaps and rows a read will find, so the prepared statement's
                // generic plan is costed for thousands, above jit_above_cost: PostgreSQL then compiled every read
                // (170 ms for a read that takes 0.5 ms). Reads are small; compiling never pays.
                settings.execute("SET jit = off");
                // This connection's only transactions that commit anything are those that take a transaction id
                // to bound gaps; they write nothing, so their commit need not wait for the disk.
                settings.execute("SET synchronous_commit = off");
            }
            this.statement = connection.prepareStatement(READ);
            this.takeTransactionId = connection.prepareStatement(TAKE_TRANSACTION_ID);
            this.holdLease = connection.prepareStatement(HOLD_LEASE);
        }

        @Override
        public void close() throws SQLException {
            try (statement; takeTransactionId; holdLease) {
                // closes all three, each even when closing another fails
            }
        }
    }

    Batch read(PreparedRead read, LogCursor cursor, int limit) throws SQLException {
        PreparedStatement statement = read.statement;
        statement.setLong(1, cursor.after());
        statement.setInt(2, limit);
        statement.setArray(3, read.connection.createArrayOf("bigint", boxed(cursor.gapStarts())));
        statement.setArray(4, read.connection.createArrayOf("bigint", boxed(cursor.gapEnds())));
        List<Record> rows;
        try (ResultSet results = statement.executeQuery()) {
            rows = read.sql.fetch(results, READ_FIELDS);
        }
        long xmin = rows.get(0).get(XMIN);
        List<ChatChange> changes = new ArrayList<>(rows.size());
        long[] positions = new long[rows.size()];
        int found = 0;
        int pastCursor = 0;
        int unreadable = 0;
        for (Record row : rows) {
            Long value = row.get(CHAT_CHANGES.POSITION);
            if (value == null) {
                continue;
            }
            FeedPosition position = new FeedPosition(value);
            positions[found++] = value;
            if (value > cursor.after()) {
                pastCursor++;
            }
            try {
                ChatChange change = toChange(row, position);
                if (change != null) {
                    changes.add(change);
                }
            } catch (RuntimeException e) {
                // One row that breaks the model (say, a legacy sender value) must not stop the feed on every node.
                unreadable++;
                log.error("Skipping change at position {} (chat_id {}): the row cannot be read as a message: {}",
                        position, row.get(CHAT_CHANGES.CHAT_ID), e.getMessage());
            }
        }
        LogCursor next = cursor.next(Arrays.copyOf(positions, found), xmin);
        return new Batch(changes, found, unreadable, pastCursor == limit, next);
    }

    /**
     * Bounds the cursor's gaps found so far with a transaction id taken now, in a transaction of its own (it takes
     * an id and writes nothing). Every transaction that took one of their positions already had its id when the
     * read that found the gap ran, so a smaller one.
     */
    LogCursor bound(PreparedRead read, LogCursor cursor) throws SQLException {
        try (ResultSet id = read.takeTransactionId.executeQuery()) {
            id.next();
            return cursor.bounded(id.getLong(1));
        }
    }

    /**
     * Holds the node's wake-up lease for {@code millis} from now, then awaits every position handed out until
     * then. A writer that found no lease read it before this one was taken, after taking its position, so that
     * position is at most the one read here; what it commits is read as a gap's change is, without a
     * notification (docs/change-feed.md, "Who is notified").
     */
    LogCursor holdLease(PreparedRead read, LogCursor cursor, long millis) throws SQLException {
        read.holdLease.setLong(1, millis);
        try (ResultSet handedOut = read.holdLease.executeQuery()) {
            handedOut.next();
            return cursor.awaitingUpTo(handedOut.getLong(1));
        }
    }

    private static Long[] boxed(long[] values) {
        return Arrays.stream(values).boxed().toArray(Long[]::new);
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
