package io.chatsync.adapters.postgres.sessions;

import io.chatsync.application.delivery.LogOffset;
import io.chatsync.application.resume.SessionKey;
import io.chatsync.application.resume.SessionsPort;
import io.chatsync.application.resume.StoredSession;
import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.ConnectionRunnable;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** {@link SessionsPort} on {@code chat_sessions} and {@code chat_resume_key}. */
public final class PostgresSessions implements SessionsPort {

    private static final String MAKE_KEY = """
            INSERT INTO chat_resume_key (secret) VALUES (?) ON CONFLICT (only_row) DO NOTHING""";

    private static final String READ_KEY = "SELECT secret FROM chat_resume_key";

    private static final String BEGIN = """
            INSERT INTO chat_sessions (session_hash, side, user_key, began, begun_at, quiet_through, quiet_at, seen_at)
            VALUES (?, ?, ?, ?, CAST(? AS timestamptz), ?, CAST(? AS timestamptz), CAST(? AS timestamptz))""";

    private static final String FIND = """
            SELECT side, user_key, rooms, began, begun_at, last_offset, quiet_through, quiet_at, seen_at
            FROM chat_sessions WHERE session_hash = ?""";

    /** Each session's rooms, as the text of an integer array. */
    private static final String ROOMS = """
            UPDATE chat_sessions s SET rooms = CAST(r.rooms AS integer[])
            FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS r (session_hash, rooms)
            WHERE s.session_hash = r.session_hash""";

    /** Every session of one batch: seen now; those that are quiet, with what they had been sent. */
    private static final String SEEN = """
            UPDATE chat_sessions s
            SET seen_at = ?,
                last_offset = CASE WHEN p.quiet_through IS NULL THEN s.last_offset ELSE p.last_offset END,
                quiet_through = coalesce(p.quiet_through, s.quiet_through),
                quiet_at = CASE WHEN p.quiet_through IS NULL THEN s.quiet_at ELSE ? END
            FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))
                 AS p (session_hash, last_offset, quiet_through)
            WHERE s.session_hash = p.session_hash""";

    private static final String FORGET = "DELETE FROM chat_sessions WHERE seen_at < CAST(? AS timestamptz)";

    private final DSLContext sql;

    public PostgresSessions(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public byte[] offsetKey() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        sql.execute(MAKE_KEY, (Object) secret);
        return sql.resultQuery(READ_KEY).fetchSingle(0, byte[].class);
    }

    @Override
    public void begin(SessionKey key, Participant owner, LogOffset began, Instant at) {
        OffsetDateTime time = time(at);
        write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(BEGIN)) {
                statement.setString(1, key.hash());
                statement.setString(2, owner.side().senderColumn());
                statement.setString(3, userKey(owner));
                statement.setString(4, began.text());
                statement.setObject(5, time);
                statement.setString(6, began.text());
                statement.setObject(7, time);
                statement.setObject(8, time);
                statement.executeUpdate();
            }
        });
    }

    @Override
    public Optional<StoredSession> find(SessionKey key) {
        Record row = sql.resultQuery(FIND, key.hash()).fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        Side side = Side.fromSenderColumn(row.get(0, String.class));
        String user = row.get(1, String.class);
        Participant owner = side == Side.STUDENT ? Participant.student(Integer.parseInt(user)) : Participant.staff(user);
        Integer[] rooms = row.get(2, Integer[].class);
        Set<StudentId> watched = rooms == null ? Set.of()
                : Arrays.stream(rooms).map(StudentId::of).collect(Collectors.toUnmodifiableSet());
        return Optional.of(new StoredSession(owner, watched, LogOffset.parse(row.get(3, String.class)),
                instant(row, 4), row.get(5, String.class), LogOffset.parse(row.get(6, String.class)), instant(row, 7),
                instant(row, 8)));
    }

    @Override
    public void rooms(Map<SessionKey, Set<StudentId>> rooms) {
        List<Map.Entry<SessionKey, Set<StudentId>>> entries = List.copyOf(rooms.entrySet());
        String[] hashes = entries.stream().map(entry -> entry.getKey().hash()).toArray(String[]::new);
        String[] threads = entries.stream().map(entry -> entry.getValue().stream().map(StudentId::value).sorted()
                .map(String::valueOf).collect(Collectors.joining(",", "{", "}"))).toArray(String[]::new);
        write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(ROOMS)) {
                statement.setArray(1, connection.createArrayOf("text", hashes));
                statement.setArray(2, connection.createArrayOf("text", threads));
                statement.executeUpdate();
            }
        });
    }

    @Override
    public void seen(List<Progress> progress, Instant at) {
        String[] hashes = progress.stream().map(one -> one.key().hash()).toArray(String[]::new);
        String[] lastOffsets = progress.stream().map(Progress::lastOffset).toArray(String[]::new);
        String[] quiet = progress.stream()
                .map(one -> one.quietThrough() == null ? null : one.quietThrough().text())
                .toArray(String[]::new);
        write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SEEN)) {
                statement.setObject(1, time(at));
                statement.setObject(2, time(at));
                statement.setArray(3, connection.createArrayOf("text", hashes));
                statement.setArray(4, connection.createArrayOf("text", lastOffsets));
                statement.setArray(5, connection.createArrayOf("text", quiet));
                statement.executeUpdate();
            }
        });
    }

    @Override
    public int forgetSeenBefore(Instant cutoff) {
        return sql.execute(FORGET, time(cutoff));
    }

    /**
     * Runs a write of the sessions' records in a transaction that does not wait for the disk: they are soft state.
     * A database crash may lose the last of them, which costs those clients a resume (they reload through the HTTP
     * API), never a message; and a node records many sessions a second without an fsync each.
     */
    private void write(ConnectionRunnable work) {
        sql.transaction(configuration -> DSL.using(configuration).connection(connection -> {
            try (Statement setting = connection.createStatement()) {
                setting.execute("SET LOCAL synchronous_commit TO off");
            }
            work.run(connection);
        }));
    }

    private static String userKey(Participant owner) {
        return owner instanceof Participant.Student student ? Integer.toString(student.id().value())
                : ((Participant.Staff) owner).userId();
    }

    private static OffsetDateTime time(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Record row, int field) {
        return row.get(field, OffsetDateTime.class).toInstant();
    }
}
