package io.chatsync.benchmark;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's CPU split by what each backend serves, from its {@code application_name} in
 * {@code pg_stat_activity}: the writers, the nodes' listeners, feed readers and pools, and PostgreSQL's own
 * processes. Backends that start or end during a phase are not in the split (the phase total counts them).
 */
final class PostgresRoles {

    /** The roles, in the order they are reported. */
    static final List<String> ROLES = List.of("writers", "listeners", "feed readers", "node pools", "other");

    private final Database database;

    PostgresRoles(Database database) {
        this.database = database;
    }

    /** CPU time so far of every backend now connected, by process id, with its role. */
    Map<Long, Sample> sample() throws SQLException, IOException {
        Map<Long, Sample> samples = new HashMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pid, application_name FROM pg_stat_activity")) {
            while (rows.next()) {
                long pid = rows.getLong(1);
                try {
                    samples.put(pid, new Sample(role(rows.getString(2)), ProcessCpu.of(pid)));
                } catch (NoSuchFileException ended) {
                    // Ended between the query and the read: it is in neither sample, so out of the split.
                    continue;
                }
            }
        }
        return samples;
    }

    /** Cores per role between two samples over {@code wallNanos}, for the backends in both. */
    static Map<String, Double> cores(Map<Long, Sample> before, Map<Long, Sample> after, long wallNanos) {
        Map<String, Double> cores = new LinkedHashMap<>();
        for (String role : ROLES) {
            cores.put(role, 0.0);
        }
        after.forEach((pid, sample) -> {
            Sample earlier = before.get(pid);
            if (earlier != null && earlier.role().equals(sample.role())) {
                cores.merge(sample.role(), (sample.cpuNanos() - earlier.cpuNanos()) / (double) wallNanos, Double::sum);
            }
        });
        return cores;
    }

    /**
     * What a backend serves, from its application name: the benchmark's writers, or a node's connection
     * ({@code chatsync:<node>:<role>}); anything else, PostgreSQL's own processes included, is "other".
     */
    static String role(String applicationName) {
        String name = applicationName == null ? "" : applicationName;
        if (name.equals("chatsync-benchmark:writer")) {
            return "writers";
        }
        if (name.startsWith("chatsync:")) {
            if (name.endsWith(":listener")) {
                return "listeners";
            }
            if (name.endsWith(":feed-reader")) {
                return "feed readers";
            }
            return "node pools";
        }
        return "other";
    }

    record Sample(String role, long cpuNanos) {
    }
}
