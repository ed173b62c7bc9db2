package io.chatsync.adapters.postgres.feed;

import static io.chatsync.adapters.postgres.schema.Tables.CHATS;
import static io.chatsync.adapters.postgres.schema.Tables.CHAT_CHANGES;
import static io.chatsync.adapters.postgres.schema.Tables.USERS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.inline;
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
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Field;
import org.jooq.Select;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the change log past a cursor: one query per batch, with full rows and profiles for new messages. */
final class ChangeLogReader {

    /**
     * The changes read, how many log rows they came from (a message deleted since is not handed over), and how many
     * rows could not be read as a change (a legacy row breaking the model) and were skipped.
     */
    record Batch(List<ChatChange> changes, int rows, int unreadable, FeedPosition last) {
    }

    private static final Logger log = LoggerFactory.getLogger(ChangeLogReader.class);

    FeedPosition endOfLog(DSLContext sql) {
        return new FeedPosition(sql.select(coalesce(max(CHAT_CHANGES.POSITION), val(0L))).from(CHAT_CHANGES)
                .fetchSingle().value1());
    }

    /**
     * The read of one connection, rendered by jOOQ and prepared once: the feed reads on every wake-up, up to
     * thousands of times a second, and rendering the query and binding its parameters by name each time cost more
     * CPU than the database spent running it. Only the two parameters change; jOOQ still maps the rows.
     */
    static final class PreparedRead implements AutoCloseable {

        private final DSLContext sql;
        private final PreparedStatement statement;
        private final Field<?>[] fields;

        PreparedRead(DSLContext sql, Connection connection) throws SQLException {
            this.sql = sql;
            Select<Record> read = sql.select(CHAT_CHANGES.POSITION, CHAT_CHANGES.KIND, CHAT_CHANGES.CHAT_ID,
                            CHAT_CHANGES.USER_ID, CHAT_CHANGES.READ_BY_STUDENT, CHAT_CHANGES.READ_BY_TEACHER,
                            CHAT_CHANGES.RECORDED_AT)
                    .select(ChatRows.MESSAGE_FIELDS)
                    .from(CHAT_CHANGES)
                    .leftJoin(CHATS).on(CHATS.CHAT_ID.eq(CHAT_CHANGES.CHAT_ID)
                            .and(CHAT_CHANGES.KIND.eq(inline("message"))))
                    .leftJoin(USERS).on(USERS.USER_ID.eq(CHATS.USER_ID))
                    .where(CHAT_CHANGES.POSITION.gt(0L))
                    .orderBy(CHAT_CHANGES.POSITION)
                    .limit(1);
            this.fields = read.getSelect().toArray(Field<?>[]::new);
            // The two bind values, in order: the cursor, then the limit.
            if (sql.extractBindValues(read).size() != 2) {
                throw new IllegalStateException("the change-log read must bind exactly the cursor and the limit");
            }
            this.statement = connection.prepareStatement(sql.render(read));
        }

        /** The connection's jOOQ context, for its other queries. */
        DSLContext sql() {
            return sql;
        }

        List<Record> after(FeedPosition cursor, int limit) throws SQLException {
            statement.setLong(1, cursor.value());
            statement.setInt(2, limit);
            try (ResultSet rows = statement.executeQuery()) {
                return sql.fetch(rows, fields);
            }
        }

        @Override
        public void close() throws SQLException {
            statement.close();
        }
    }

    Batch readAfter(PreparedRead read, FeedPosition cursor, int limit) throws SQLException {
        List<Record> rows = read.after(cursor, limit);
        List<ChatChange> changes = new ArrayList<>(rows.size());
        FeedPosition last = cursor;
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
        return new Batch(changes, rows.size(), unreadable, last);
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
