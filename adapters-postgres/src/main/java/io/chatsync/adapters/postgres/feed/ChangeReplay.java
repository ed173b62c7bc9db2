package io.chatsync.adapters.postgres.feed;

import io.chatsync.adapters.postgres.store.ChatRowReader;
import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.delivery.FeedPosition;
import io.chatsync.application.delivery.LogOffset;
import io.chatsync.application.resume.ReplayPort;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads changes again for a resumed session: those in the log between what its client had and what the node had
 * handed over, in the same shape the feed reads them ({@link ChangeLogReader}), narrowed to the threads that may
 * concern the participant.
 */
public final class ChangeReplay implements ReplayPort {

    private static final Logger log = LoggerFactory.getLogger(ChangeReplay.class);

    /**
     * Positions above parameter 1 up to parameter 2, and those in the ranges of parameters 3 and 4; of the threads in
     * parameter 5, or (parameter 6) any new message, or (parameter 7) anything; at most parameter 8 rows.
     */
    private static final String REPLAY = """
            SELECT c.position, c.kind, c.chat_id AS change_chat_id, c.user_id AS change_user_id,
                   c.read_by_student AS change_read_by_student, c.read_by_teacher AS change_read_by_teacher,
                   c.recorded_at, 0 AS xmin, m.*
            FROM (
                SELECT position, kind, chat_id, user_id, read_by_student, read_by_teacher, recorded_at
                FROM chat_changes WHERE position > ? AND position <= ?
                UNION ALL
                SELECT had.position, had.kind, had.chat_id, had.user_id, had.read_by_student, had.read_by_teacher,
                       had.recorded_at
                FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[])) AS missing (first, last)
                JOIN chat_changes had ON had.position BETWEEN missing.first AND missing.last
            ) c
            LEFT JOIN LATERAL (
                SELECT chats.*, users.full_name AS chatsync_full_name, users.avatar_url AS chatsync_avatar_url
                FROM chats LEFT JOIN users ON users.user_id = chats.user_id
                WHERE chats.chat_id = c.chat_id
                OFFSET 0) m ON c.kind = 'message'
            WHERE c.user_id = ANY (CAST(? AS integer[])) OR (? AND c.kind = 'message') OR ?
            ORDER BY c.position
            LIMIT ?""";

    private final DSLContext sql;
    private final ChangeLogReader reader;

    public ChangeReplay(DSLContext sql, ChatRowReader rows) {
        this.sql = sql;
        this.reader = new ChangeLogReader(rows);
    }

    @Override
    public Replayed changes(Participant who, @Nullable Set<StudentId> rooms, LogOffset had, LogOffset within,
            int limit) {
        if (had.covers(within)) {
            return new Replayed(List.of(), true, within.upTo());
        }
        Set<StudentId> concerned = who instanceof Participant.Student student ? Set.of(student.id())
                : rooms == null ? Set.of() : rooms;
        Integer[] threads = concerned.stream().map(StudentId::value).toArray(Integer[]::new);
        boolean everyThread = who instanceof Participant.Staff && rooms == null;
        List<LogOffset.Range> missing = had.missing().stream().filter(range -> range.from() <= within.upTo()).toList();
        return sql.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(REPLAY)) {
                statement.setLong(1, had.upTo());
                statement.setLong(2, within.upTo());
                statement.setArray(3, connection.createArrayOf("bigint",
                        missing.stream().map(LogOffset.Range::from).toArray(Long[]::new)));
                statement.setArray(4, connection.createArrayOf("bigint",
                        missing.stream().map(range -> Math.min(range.to(), within.upTo())).toArray(Long[]::new)));
                statement.setArray(5, connection.createArrayOf("integer", threads));
                statement.setBoolean(6, who instanceof Participant.Staff);
                statement.setBoolean(7, everyThread);
                statement.setInt(8, limit + 1);
                List<ChatChange> changes = new ArrayList<>();
                int read = 0;
                long readThrough = within.upTo();
                try (ResultSet rows = statement.executeQuery()) {
                    ChatRowReader.Layout layout = new ChatRowReader.Layout(rows.getMetaData(),
                            ChangeLogReader.MESSAGE_COLUMNS);
                    while (rows.next()) {
                        long position = rows.getLong(1);
                        if (++read > limit) {
                            return new Replayed(changes, false, readThrough);
                        }
                        readThrough = position;
                        if (!within.contains(position)) {
                            continue;
                        }
                        try {
                            Function<LogOffset, ChatChange> change = reader.toChange(rows, layout,
                                    new FeedPosition(position));
                            if (change != null) {
                                changes.add(change.apply(within));
                            }
                        } catch (RuntimeException e) {
                            log.error("Skipping change at position {} in a replay: the row cannot be read as a "
                                    + "message: {}", position, e.getMessage());
                        }
                    }
                }
                return new Replayed(changes, true, within.upTo());
            }
        });
    }
}
