package io.chatsync.adapters.postgres.feed;

import io.chatsync.adapters.postgres.store.ChatRowReader;
import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.delivery.FeedPosition;
import io.chatsync.application.delivery.LogOffset;
import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.StudentId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the changes committed since a node's cursor, the new positions and the gaps it still awaits: one query per
 * batch, with full rows and profiles for new messages (docs/change-feed.md, "The cursor").
 */
final class ChangeLogReader {

    private final ChatRowReader messages;

    ChangeLogReader(ChatRowReader messages) {
        this.messages = messages;
    }

    /**
     * The changes read, how many log rows they came from (a message deleted since is not handed over), how many
     * rows could not be read as a change (a legacy row breaking the model) and were skipped, whether the read
     * stopped at its limit (more may be waiting), and the cursor after them.
     */
    record Batch(List<ChatChange> changes, int rows, int unreadable, boolean full, LogCursor next) {
    }

    private static final Logger log = LoggerFactory.getLogger(ChangeLogReader.class);

    /**
     * The changes past the cursor (parameter 1), the first ones (parameter 2), and those in the cursor's gaps
     * (parameters 3 and 4: where each starts and ends), each with its message's whole row and student's profile
     * ({@link ChatRowReader}, from column {@link #MESSAGE_COLUMNS}), in position order; and, in every row, the
     * statement's snapshot's {@code xmin}. A read that finds nothing still returns one row, with the {@code xmin}
     * only.
     */
    private static final String READ = """
            SELECT c.position, c.kind, c.chat_id AS change_chat_id, c.user_id AS change_user_id,
                   c.read_by_student AS change_read_by_student, c.read_by_teacher AS change_read_by_teacher,
                   c.recorded_at, s.xmin, m.*
            FROM (SELECT CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text) AS bigint) AS xmin) s
            LEFT JOIN (
                (SELECT position, kind, chat_id, user_id, read_by_student, read_by_teacher, recorded_at
                 FROM chat_changes WHERE position > ? ORDER BY position LIMIT ?)
                UNION ALL
                SELECT gap.position, gap.kind, gap.chat_id, gap.user_id, gap.read_by_student, gap.read_by_teacher,
                       gap.recorded_at
                FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[])) AS awaited (first, last)
                JOIN chat_changes gap ON gap.position BETWEEN awaited.first AND awaited.last
            ) c ON true
            LEFT JOIN LATERAL (
                SELECT chats.*, users.full_name AS chatsync_full_name, users.avatar_url AS chatsync_avatar_url
                FROM chats LEFT JOIN users ON users.user_id = chats.user_id
                WHERE chats.chat_id = c.chat_id
                OFFSET 0) m ON c.kind = 'message'
            ORDER BY c.position""";

    /** Where {@link #READ}'s message columns begin. */
    static final int MESSAGE_COLUMNS = 9;

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
     * Takes, renews or (given 0) ends this connection's wake-up lease: while any node's lease runs, writers that
     * would not notify otherwise notify, until the given number of milliseconds from now on the database's clock.
     * Returns the last position handed out by then, whether or not its transaction has committed (or ever will)
     * (R__feed_wake_up_lease.sql).
     */
    private static final String HOLD_LEASE = "SELECT chat_feed_hold_lease(?)";

    /** This node's lowest needed position, which pruning keeps ({@link LogPruner}). */
    private static final String MARK_READER = """
            INSERT INTO chat_feed_readers (reader, needs_from, seen_at) VALUES (?, ?, clock_timestamp())
            ON CONFLICT (reader) DO UPDATE SET needs_from = excluded.needs_from, seen_at = excluded.seen_at""";

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
     * made of a union, an array join and PostgreSQL's snapshot functions, and returns whatever columns
     * {@code chats} has.)
     */
    static final class PreparedRead implements AutoCloseable {

        private final Connection connection;
        private final PreparedStatement statement;
        private final PreparedStatement takeTransactionId;
        private final PreparedStatement holdLease;
        private final PreparedStatement markReader;

        PreparedRead(Connection connection) throws SQLException {
            this.connection = connection;
            try (Statement settings = connection.createStatement()) {
                // The planner cannot know how many gaps and rows a read will find, so the prepared statement's
                // generic plan is costed for thousands, above jit_above_cost: PostgreSQL then compiled every read
                // (170 ms for a read that takes 0.5 ms). Reads are small; compiling never pays.
                settings.execute("SET jit = off");
                // Costed for thousands of rows, that generic plan also loses to the plan made for each read's own
                // values, so PostgreSQL planned every read afresh: 0.24 ms of planning for 0.1 ms of execution
                // (EXPLAIN ANALYZE on 200,000 changes), and on a schedule each node reads every 5 ms at any rate.
                // The plans are the same shape, index scans whatever the values, so the read is planned once; a
                // later ANALYZE or change to the tables plans it again.
                settings.execute("SET plan_cache_mode = force_generic_plan");
                // This connection's only transactions that commit anything are those that take a transaction id
                // to bound gaps; they write nothing, so their commit need not wait for the disk.
                settings.execute("SET synchronous_commit = off");
            }
            this.statement = connection.prepareStatement(READ);
            this.takeTransactionId = connection.prepareStatement(TAKE_TRANSACTION_ID);
            this.holdLease = connection.prepareStatement(HOLD_LEASE);
            this.markReader = connection.prepareStatement(MARK_READER);
        }

        @Override
        public void close() throws SQLException {
            try (statement; takeTransactionId; holdLease; markReader) {
                // closes all four, each even when closing another fails
            }
        }
    }

    /**
     * A column added to {@code chats} changes what {@code m.*} returns, and PostgreSQL refuses the statement as
     * prepared before ("cached plan must not change result type"); on this autocommit connection pgjdbc prepares it
     * anew and runs it again by itself (ChangeFeedTest adds a column while a feed reads).
     */
    Batch read(PreparedRead read, LogCursor cursor, int limit) throws SQLException {
        PreparedStatement statement = read.statement;
        statement.setLong(1, cursor.after());
        statement.setInt(2, limit);
        statement.setArray(3, read.connection.createArrayOf("bigint", boxed(cursor.gapStarts())));
        statement.setArray(4, read.connection.createArrayOf("bigint", boxed(cursor.gapEnds())));
        List<PendingChange> pending = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        long xmin = 0;
        int pastCursor = 0;
        int unreadable = 0;
        try (ResultSet rows = statement.executeQuery()) {
            ChatRowReader.Layout layout = new ChatRowReader.Layout(rows.getMetaData(), MESSAGE_COLUMNS);
            while (rows.next()) {
                xmin = rows.getLong(8);
                long value = rows.getLong(1);
                if (rows.wasNull()) {
                    continue;
                }
                FeedPosition position = new FeedPosition(value);
                positions.add(value);
                if (value > cursor.after()) {
                    pastCursor++;
                }
                try {
                    Function<LogOffset, ChatChange> change = toChange(rows, layout, position);
                    if (change != null) {
                        pending.add(new PendingChange(positions.size() - 1, change));
                    }
                } catch (RuntimeException e) {
                    // One row that breaks the model (say, a legacy sender value) must not stop the feed on every node.
                    unreadable++;
                    log.error("Skipping change at position {} (chat_id {}): the row cannot be read as a message: {}",
                            position, rows.getInt(3), e.getMessage());
                }
            }
        }
        long[] found = positions.stream().mapToLong(Long::longValue).toArray();
        LogCursor next = cursor.next(found, xmin);
        List<ChatChange> changes = new ArrayList<>(pending.size());
        for (PendingChange change : pending) {
            changes.add(change.handedOver().apply(cursor.handedOverAt(found, change.index(), next)));
        }
        return new Batch(changes, positions.size(), unreadable, pastCursor == limit, next);
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

    /**
     * Ends this connection's wake-up lease now, where it would otherwise run out by itself: writers then notify
     * only for other nodes' leases (and legacy backends). A node that reads on a schedule needs no notification.
     */
    void endLease(PreparedRead read) throws SQLException {
        read.holdLease.setLong(1, 0);
        try (ResultSet handedOut = read.holdLease.executeQuery()) {
            handedOut.next();
        }
    }

    /** Records that {@code reader} still needs the changes from {@code cursor}'s {@link LogCursor#needsFrom}. */
    void markReader(PreparedRead read, String reader, LogCursor cursor) throws SQLException {
        read.markReader.setString(1, reader);
        read.markReader.setLong(2, cursor.needsFrom());
        read.markReader.executeUpdate();
    }

    private static Long[] boxed(long[] values) {
        return Arrays.stream(values).boxed().toArray(Long[]::new);
    }

    /** A change read, waiting for the read's end to know what had been handed over with it. */
    private record PendingChange(int index, Function<LogOffset, ChatChange> handedOver) {
    }

    /**
     * The change in a row of {@link #READ}'s shape, once told what had been handed over with it; null for a message
     * deleted since.
     */
    @Nullable Function<LogOffset, ChatChange> toChange(ResultSet row, ChatRowReader.Layout layout,
            FeedPosition position) throws SQLException {
        var recordedAt = row.getObject(7, OffsetDateTime.class).toInstant();
        if ("read".equals(row.getString(2))) {
            ChatId chat = ChatId.of(row.getInt(3));
            StudentId thread = StudentId.of(row.getInt(4));
            boolean byStudent = row.getBoolean(5);
            boolean byTeacher = row.getBoolean(6);
            return offset -> new ChatChange.ReadFlagsChanged(position, offset, recordedAt, chat, thread, byStudent,
                    byTeacher);
        }
        ChatMessage message = messages.message(row, layout);
        return message == null ? null : offset -> new ChatChange.MessageAdded(position, offset, recordedAt, message);
    }
}
