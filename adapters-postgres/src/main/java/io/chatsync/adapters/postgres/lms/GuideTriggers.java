package io.chatsync.adapters.postgres.lms;

import java.util.List;
import org.jooq.DSLContext;

/**
 * Finds the legacy guide's own triggers on {@code chats} (R__guide_triggers.sql): beside chatsync's, they make
 * every legacy listener get each change twice.
 */
public final class GuideTriggers {

    /** What an operator runs to turn them off, on purpose; {@link #UNDO} turns them on again. */
    public static final String REMEDY = "SELECT * FROM chat_disable_guide_triggers();";

    public static final String UNDO = "SELECT * FROM chat_enable_guide_triggers();";

    private static final String FIND = """
            SELECT trigger_name, function_schema || '.' || function_name AS function, enabled
            FROM chat_guide_triggers
            ORDER BY trigger_name""";

    private final DSLContext sql;

    public GuideTriggers(DSLContext sql) {
        this.sql = sql;
    }

    /** Every such trigger, enabled or not. */
    public List<GuideTrigger> find() {
        return sql.resultQuery(FIND).fetch(row -> new GuideTrigger(row.get("trigger_name", String.class),
                row.get("function", String.class), row.get("enabled", Boolean.class)));
    }
}
