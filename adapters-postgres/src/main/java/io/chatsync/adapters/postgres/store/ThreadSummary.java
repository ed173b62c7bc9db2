package io.chatsync.adapters.postgres.store;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation summary ({@code chat_threads}, V5__thread_summary.sql): whether it holds every thread yet, and
 * filling it on a database whose {@code chats} had rows before the trigger counted them. Filling recounts one
 * thread per transaction under that thread's summary row lock ({@code chat_thread_recount}), so writers are never
 * locked out and every count is exact; one node fills at a time, and all of them read {@code chats} as before
 * until it is done.
 */
final class ThreadSummary {

    private static final Logger log = LoggerFactory.getLogger(ThreadSummary.class);

    private static final String COMPLETE = "SELECT complete FROM chat_thread_summary";

    /** Whether every writer that started before the trigger counted has ended. */
    private static final String COUNTING_FOR_ALL = """
            SELECT counting_since IS NOT NULL
                   AND CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text) AS bigint) > counting_since
            FROM chat_thread_summary""";

    /** Every thread of chats, one index probe each (a loose scan of chats_thread_idx). */
    private static final String THREADS = """
            WITH RECURSIVE threads (user_id) AS (
                (SELECT user_id FROM chats ORDER BY user_id LIMIT 1)
                UNION ALL
                SELECT (SELECT c.user_id FROM chats c WHERE c.user_id > threads.user_id ORDER BY c.user_id LIMIT 1)
                FROM threads WHERE threads.user_id IS NOT NULL)
            SELECT user_id FROM threads WHERE user_id IS NOT NULL""";

    private static final String RECOUNT = "SELECT chat_thread_recount(?)";

    private static final String DONE = "UPDATE chat_thread_summary SET complete = true";

    /** 'chat' and 'fill' in ASCII. */
    private static final String TAKE_TURN = "SELECT pg_try_advisory_lock(1667785076, 1718185068)";

    private static final String END_TURN = "SELECT pg_advisory_unlock(1667785076, 1718185068)";

    private final DSLContext sql;
    private volatile boolean complete;
    private @Nullable ScheduledExecutorService filler;
    private boolean failing;

    ThreadSummary(DSLContext sql) {
        this.sql = sql;
    }

    /** Whether the summary holds every thread; once it does, it always will (the trigger keeps it). */
    boolean complete() {
        if (!complete) {
            complete = Boolean.TRUE.equals(sql.resultQuery(COMPLETE).fetchOne(0, Boolean.class));
        }
        return complete;
    }

    /**
     * Fills the summary if it is not complete and this node's turn comes; returns whether it is complete. Threads
     * are recounted one per transaction.
     */
    boolean fill() {
        if (complete()) {
            return true;
        }
        return sql.connectionResult(connection -> {
            DSLContext session = DSL.using(connection, sql.dialect());
            if (!Boolean.TRUE.equals(session.resultQuery(TAKE_TURN).fetchOne(0, Boolean.class))) {
                return false;
            }
            try {
                boolean everyWriterCounts = Boolean.TRUE.equals(
                        session.resultQuery(COUNTING_FOR_ALL).fetchOne(0, Boolean.class));
                if (complete() || !everyWriterCounts) {
                    return complete();
                }
                List<Integer> threads = session.resultQuery(THREADS).fetch(0, Integer.class);
                for (Integer thread : threads) {
                    session.resultQuery(RECOUNT, thread).fetch();
                }
                session.execute(DONE);
                complete = true;
                log.info("Conversation summary filled: {} threads counted from chats", threads.size());
                return true;
            } finally {
                session.resultQuery(END_TURN).fetch();
            }
        });
    }

    /** Tries to fill every 10 s until the summary is complete. */
    void start() {
        filler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "thread-summary-fill");
            thread.setDaemon(true);
            return thread;
        });
        filler.scheduleWithFixedDelay(this::tryToFill, 0, 10, TimeUnit.SECONDS);
    }

    void stop() {
        if (filler != null) {
            filler.shutdownNow();
        }
    }

    private void tryToFill() {
        try {
            if (fill() && filler != null) {
                filler.shutdown();
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Could not fill the conversation summary; trying again every 10 s: {}", e.getMessage());
            }
            failing = true;
        }
    }
}
