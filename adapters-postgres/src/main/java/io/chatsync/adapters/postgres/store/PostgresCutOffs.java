package io.chatsync.adapters.postgres.store;

import static io.chatsync.adapters.postgres.schema.Tables.CHAT_CUTOFFS;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.val;

import io.chatsync.application.access.CutOff;
import io.chatsync.application.access.CutOffsPort;
import io.chatsync.domain.thread.Participant;
import java.util.List;
import org.jooq.DSLContext;

/** Cut-offs in {@code chat_cutoffs}, one row per user, on the database's clock. */
final class PostgresCutOffs implements CutOffsPort {

    private static final String STUDENT = "student";
    private static final String STAFF = "staff";

    private final DSLContext sql;

    PostgresCutOffs(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public CutOff cutOff(Participant user) {
        return sql.insertInto(CHAT_CUTOFFS, CHAT_CUTOFFS.SIDE, CHAT_CUTOFFS.USER_ID, CHAT_CUTOFFS.CUT_AT)
                .values(val(side(user)), val(id(user)), currentOffsetDateTime())
                .onConflict(CHAT_CUTOFFS.SIDE, CHAT_CUTOFFS.USER_ID)
                .doUpdate().set(CHAT_CUTOFFS.CUT_AT, currentOffsetDateTime())
                .returning(CHAT_CUTOFFS.CUT_AT)
                .fetchSingle(row -> new CutOff(user, row.get(CHAT_CUTOFFS.CUT_AT).toInstant()));
    }

    @Override
    public boolean lift(Participant user) {
        return sql.deleteFrom(CHAT_CUTOFFS)
                .where(CHAT_CUTOFFS.SIDE.eq(side(user)), CHAT_CUTOFFS.USER_ID.eq(id(user)))
                .execute() > 0;
    }

    @Override
    public List<CutOff> all() {
        return sql.select(CHAT_CUTOFFS.SIDE, CHAT_CUTOFFS.USER_ID, CHAT_CUTOFFS.CUT_AT).from(CHAT_CUTOFFS)
                .fetch(row -> new CutOff(STUDENT.equals(row.value1())
                        ? Participant.student(Integer.parseInt(row.value2()))
                        : Participant.staff(row.value2()), row.value3().toInstant()));
    }

    private static String side(Participant user) {
        return user instanceof Participant.Student ? STUDENT : STAFF;
    }

    private static String id(Participant user) {
        return user instanceof Participant.Student student
                ? String.valueOf(student.id().value())
                : ((Participant.Staff) user).userId();
    }
}
