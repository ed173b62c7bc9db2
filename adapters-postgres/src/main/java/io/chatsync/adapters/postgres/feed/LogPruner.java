package io.chatsync.adapters.postgres.feed;

import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the change log bounded: deletes, from its low end and in small batches, the changes older than the
 * retention that every running node has read (V4__change_log_readers.sql). Deleting old rows by position range
 * takes no lock that writers (who append at the high end) or the nodes' reads wait for. Then it vacuums the two
 * tables every write changes (the log, and the conversation summary, whose rows each message updates), so their
 * space is reused whether or not autovacuum runs, or keeps up. Every node may run it; one at a time does the work.
 */
public final class LogPruner {

    private static final Logger log = LoggerFactory.getLogger(LogPruner.class);

    /** Where pruning may go up to: below every live reader's need and the last change, before the young ones. */
    private static final String CUT = """
            SELECT least(
                (SELECT min(needs_from) FROM chat_feed_readers
                 WHERE seen_at > clock_timestamp() - CAST(? AS interval)),
                (SELECT max(position) FROM chat_changes),
                (SELECT position FROM chat_changes
                 WHERE recorded_at >= clock_timestamp() - CAST(? AS interval)
                 ORDER BY position LIMIT 1))""";

    private static final String DELETE_BATCH = """
            DELETE FROM chat_changes
            WHERE position IN (SELECT position FROM chat_changes WHERE position < ? ORDER BY position LIMIT ?)""";

    private static final String FORGET_GONE_READERS = """
            DELETE FROM chat_feed_readers WHERE seen_at <= clock_timestamp() - CAST(? AS interval)""";

    /** Plain VACUUM: no lock that writers or readers wait for; it cannot run inside a transaction. */
    private static final String VACUUM = "VACUUM chat_changes, chat_threads";

    /** 'chat' and 'prun' in ASCII: one node prunes at a time. */
    private static final String TAKE_TURN = "SELECT pg_try_advisory_lock(1667785076, 1886549358)";

    private static final String END_TURN = "SELECT pg_advisory_unlock(1667785076, 1886549358)";

    /**
     * A reader not seen for this long, or the retention if longer, no longer holds changes back: a running node marks
     * every few seconds, so it is gone (its rows are forgotten).
     */
    static final Duration READER_GONE_AFTER = Duration.ofMinutes(1);

    private final DSLContext sql;
    private final Duration retention;
    private final Duration readerGoneAfter;
    private final int batchSize;
    private boolean vacuumRefused;

    /**
     * @param retention how long every change is kept at least
     * @param batchSize the most changes one delete removes
     */
    public LogPruner(DSLContext sql, Duration retention, int batchSize) {
        if (retention.isNegative() || retention.isZero() || batchSize < 1) {
            throw new IllegalArgumentException("the retention is positive and batches hold at least one change");
        }
        this.sql = sql;
        this.retention = retention;
        this.readerGoneAfter = retention.compareTo(READER_GONE_AFTER) > 0 ? retention : READER_GONE_AFTER;
        this.batchSize = batchSize;
    }

    /** Prunes what may go; returns how many changes it deleted (none when another node is pruning). */
    public long prune() {
        return sql.connectionResult(connection -> {
            DSLContext session = DSL.using(connection, sql.dialect());
            if (!Boolean.TRUE.equals(session.resultQuery(TAKE_TURN).fetchOne(0, Boolean.class))) {
                return 0L;
            }
            try {
                String kept = retention.toMillis() + " milliseconds";
                String gone = readerGoneAfter.toMillis() + " milliseconds";
                session.execute(FORGET_GONE_READERS, gone);
                Long cut = session.resultQuery(CUT, gone, kept).fetchOne(0, Long.class);
                long deleted = 0;
                int batch;
                do {
                    batch = cut == null ? 0 : session.execute(DELETE_BATCH, cut, batchSize);
                    deleted += batch;
                } while (batch == batchSize);
                if (deleted > 0) {
                    log.info("Pruned {} changes below position {} from the change log", deleted, cut);
                }
                vacuum(session);
                return deleted;
            } finally {
                session.resultQuery(END_TURN).fetch();
            }
        });
    }

    /** Vacuums; a role that may not (not the tables' owner) is told once, and autovacuum is left to do it. */
    private void vacuum(DSLContext session) {
        try {
            session.execute(VACUUM);
            vacuumRefused = false;
        } catch (DataAccessException refused) {
            if (!vacuumRefused) {
                log.warn("Could not vacuum chat_changes and chat_threads ({}); their space is reused only as "
                        + "autovacuum gets to them", refused.getCause() != null ? refused.getCause().getMessage()
                        : refused.getMessage());
            }
            vacuumRefused = true;
        }
    }
}
