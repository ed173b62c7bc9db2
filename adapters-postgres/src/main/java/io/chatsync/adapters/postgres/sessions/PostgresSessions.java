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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;

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

    private static final String ROOMS = "UPDATE chat_sessions SET rooms = CAST(? AS integer[]) WHERE session_hash = ?";

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
        sql.execute(BEGIN, key.hash(), owner.side().senderColumn(), userKey(owner), began.text(), time,
                began.text(), time, time);
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
    public void rooms(SessionKey key, Set<StudentId> rooms) {
        Integer[] ids = rooms.stream().map(StudentId::value).sorted().toArray(Integer[]::new);
        sql.execute(ROOMS, ids, key.hash());
    }

    @Override
    public void seen(List<Progress> progress, Instant at) {
        String[] hashes = progress.stream().map(one -> one.key().hash()).toArray(String[]::new);
        String[] lastOffsets = progress.stream().map(Progress::lastOffset).toArray(String[]::new);
        String[] quiet = progress.stream()
                .map(one -> one.quietThrough() == null ? null : one.quietThrough().text())
                .toArray(String[]::new);
        sql.connection(connection -> {
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
