package io.chatsync.benchmark;

import java.util.ArrayList;
import java.util.List;

/** The database's insert+notify ceiling: pgbench with 4 and then 16 clients, on the legacy and on chatsync's schema. */
final class InsertNotifyCeiling {

    private static final String CPU_COLUMNS = "PostgreSQL cores | PostgreSQL ms CPU per insert | pgbench cores "
            + "| idle cores |";

    private final Context context;
    private final Report report;

    InsertNotifyCeiling(Context context) {
        this.context = context;
        this.report = context.report();
    }

    /** The legacy design alone, one listener reading, in a database of its own; no runs when pgbench is missing. */
    List<Ceiling.Run> onLegacySchema(Database server) throws Exception {
        report.print("### Ceiling: pgbench inserting into chats through a notify trigger, one listener reading");
        report.print("");
        if (!Ceiling.available()) {
            report.print("pgbench is not on this machine's PATH: the ceiling was not measured.");
            report.print("");
            return List.of();
        }
        Database database = server.recreate("chatsync_benchmark_ceiling");
        List<Ceiling.Run> runs = new ArrayList<>();
        try {
            database.execute(Ceiling.LEGACY_SCHEMA);
            report.print("| pgbench clients | inserts/s | notifications read | " + CPU_COLUMNS);
            report.print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            for (int clients : List.of(4, 16)) {
                Ceiling.Run run = Ceiling.measure(database, clients, context.settings().ceiling(), context.work(),
                        true);
                runs.add(run);
                report.print(String.format("| %d | %.0f | %d | %s", clients, run.insertsPerSecond(),
                        run.notificationsRead(), cpu(run)));
            }
        } finally {
            server.drop("chatsync_benchmark_ceiling");
        }
        report.print("");
        return runs;
    }

    /** The same pgbench on chatsync's schema (its change-log trigger) while both nodes read their feeds. */
    void onChatsyncSchema(Database database) throws Exception {
        if (!Ceiling.available()) {
            return;
        }
        report.print("### The same pgbench into chatsync's schema, both nodes reading their change feeds (no sockets)");
        report.print("");
        report.print("| pgbench clients | inserts/s | " + CPU_COLUMNS);
        report.print("| ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int clients : List.of(4, 16)) {
            Ceiling.Run run = Ceiling.measure(database, clients, context.settings().ceiling(), context.work(), false);
            report.print(String.format("| %d | %.0f | %s", clients, run.insertsPerSecond(), cpu(run)));
        }
        report.print("");
    }

    private static String cpu(Ceiling.Run run) {
        return String.format("%.2f | %.3f | %.2f | %.2f |", run.postgresCores(), run.postgresMillisPerInsert(),
                run.pgbenchCores(), run.idleCores());
    }
}
