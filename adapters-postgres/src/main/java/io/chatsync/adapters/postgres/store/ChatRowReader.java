package io.chatsync.adapters.postgres.store;

import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.SiteColumns;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.message.StudentProfile;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code chats} row, every column of it, with its student's profile, as a {@link ChatMessage}: the columns
 * chatsync knows into the message, those the site added into its {@link SiteColumns} as node-postgres would have
 * shown them ({@link NodePostgresValues}), chatsync's own bookkeeping into nothing. The row comes from
 * {@link #COLUMNS}, so a column added to {@code chats} while nodes run is in the next row read.
 */
public final class ChatRowReader {

    /** What to select from {@code chats LEFT JOIN users} for {@link #message}. */
    public static final String COLUMNS = "chats.*, users.full_name AS chatsync_full_name, "
            + "users.avatar_url AS chatsync_avatar_url";

    private static final Set<String> KNOWN = Set.of("chat_id", "user_id", "sender", "message", "read_by_student",
            "read_by_teacher", "created_at", "chatsync_full_name", "chatsync_avatar_url");

    /** chatsync's bookkeeping in {@code chats}, never shown (V1__lms_tables.sql). */
    private static final Set<String> BOOKKEEPING = Set.of("posted_by", "idempotency_key");

    private final NodePostgresValues values;

    /** @param legacyZone the time zone in which the legacy backends read {@code timestamp} and {@code date} */
    public ChatRowReader(ZoneId legacyZone) {
        this.values = new NodePostgresValues(legacyZone);
    }

    /** Where {@link #COLUMNS} are in one result set, found once per result set. */
    public static final class Layout {

        private final Map<String, Integer> known = new LinkedHashMap<>();
        private final List<Integer> site = new ArrayList<>();
        private final List<String> siteNames = new ArrayList<>();
        private final List<String> siteTypes = new ArrayList<>();
        private String createdAtType = "timestamptz";

        /** The columns from {@code first} on (1-based) are {@link #COLUMNS}. */
        public Layout(ResultSetMetaData columns, int first) throws SQLException {
            for (int column = first; column <= columns.getColumnCount(); column++) {
                String name = columns.getColumnLabel(column);
                String type = columns.getColumnTypeName(column);
                if (KNOWN.contains(name)) {
                    known.put(name, column);
                    if (name.equals("created_at")) {
                        createdAtType = type;
                    }
                } else if (!BOOKKEEPING.contains(name) && NodePostgresValues.shown(type)) {
                    site.add(column);
                    siteNames.add(name);
                    siteTypes.add(type);
                }
            }
            if (!known.keySet().containsAll(KNOWN)) {
                throw new IllegalStateException("the row lacks chatsync's columns: " + known.keySet());
            }
        }

        private int column(String name) {
            return known.get(name);
        }
    }

    /** The current row as a message; none when the row holds no message (an outer join that found none). */
    public @Nullable ChatMessage message(ResultSet row, Layout layout) throws SQLException {
        int chatId = row.getInt(layout.column("chat_id"));
        if (row.wasNull()) {
            return null;
        }
        StudentId thread = StudentId.of(row.getInt(layout.column("user_id")));
        SiteColumns site = SiteColumns.none();
        if (!layout.site.isEmpty()) {
            Map<String, @Nullable Object> columns = new LinkedHashMap<>();
            for (int i = 0; i < layout.site.size(); i++) {
                columns.put(layout.siteNames.get(i),
                        values.value(layout.siteTypes.get(i), row.getString(layout.site.get(i))));
            }
            site = new SiteColumns(columns);
        }
        return new ChatMessage(
                ChatId.of(chatId),
                thread,
                Side.fromSenderColumn(row.getString(layout.column("sender"))),
                row.getString(layout.column("message")),
                row.getBoolean(layout.column("read_by_student")),
                row.getBoolean(layout.column("read_by_teacher")),
                values.instant(layout.createdAtType, row.getString(layout.column("created_at"))),
                new StudentProfile(thread, row.getString(layout.column("chatsync_full_name")),
                        row.getString(layout.column("chatsync_avatar_url"))),
                site);
    }
}
