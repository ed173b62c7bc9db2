package io.chatsync.adapters.postgres.demo;

import static io.chatsync.adapters.postgres.schema.Tables.CHATS;
import static io.chatsync.adapters.postgres.schema.Tables.USERS;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * A demo's students in {@code users}, found by name or added with a first message each, once for every demo node
 * on the database: nodes starting together take turns under an advisory lock.
 */
public final class DemoRoster {

    /** A student of the demo: the LMS user id and name. */
    public record DemoStudent(int id, String name) {
    }

    private final DSLContext sql;

    public DemoRoster(DSLContext sql) {
        this.sql = sql;
    }

    /**
     * The students with these names, each added with {@code greeting} as their first message if missing.
     *
     * @throws IllegalStateException when {@code users} holds anyone else: that is a site's database, which a demo
     *     must not write into
     */
    public List<DemoStudent> students(List<String> names, String greeting) {
        return sql.transactionResult(transaction -> {
            DSLContext tx = transaction.dsl();
            tx.execute("SELECT pg_advisory_xact_lock(hashtext('chatsync:demo-roster'))");
            int others = tx.fetchCount(USERS, USERS.FULL_NAME.isNull().or(USERS.FULL_NAME.notIn(names)));
            if (others > 0) {
                throw new IllegalStateException("chatsync.demo.enabled: this database's users table holds " + others
                        + " users besides the demo's, so it is a site's database; a demo runs on a database of its "
                        + "own (the embedded default, or an empty one)");
            }
            List<DemoStudent> students = new ArrayList<>();
            for (String name : names) {
                Integer id = tx.select(DSL.min(USERS.USER_ID)).from(USERS).where(USERS.FULL_NAME.eq(name))
                        .fetchOne(0, Integer.class);
                if (id == null) {
                    id = tx.insertInto(USERS, USERS.FULL_NAME).values(name).returning(USERS.USER_ID)
                            .fetchSingle(USERS.USER_ID);
                    tx.insertInto(CHATS, CHATS.USER_ID, CHATS.SENDER, CHATS.MESSAGE)
                            .values(id, "student", greeting).execute();
                }
                students.add(new DemoStudent(id, name));
            }
            return students;
        });
    }
}
