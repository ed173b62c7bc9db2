package io.chatsync.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresRolesTest {

    @Test
    void namesEachConnectionByWhatItServes() {
        assertThat(PostgresRoles.role("chatsync-benchmark:writer")).isEqualTo("writers");
        assertThat(PostgresRoles.role("chatsync:bench-a:listener")).isEqualTo("listeners");
        assertThat(PostgresRoles.role("chatsync:bench-b:feed-reader")).isEqualTo("feed readers");
        assertThat(PostgresRoles.role("chatsync:bench-a:pool")).isEqualTo("node pools");
        assertThat(PostgresRoles.role("")).isEqualTo("other");
        assertThat(PostgresRoles.role(null)).isEqualTo("other");
    }

    @Test
    void splitsTheCpuOfBackendsInBothSamplesByRole() {
        Map<Long, PostgresRoles.Sample> before = Map.of(
                1L, new PostgresRoles.Sample("writers", 1_000_000_000L),
                2L, new PostgresRoles.Sample("writers", 500_000_000L),
                3L, new PostgresRoles.Sample("listeners", 0L),
                4L, new PostgresRoles.Sample("other", 0L));
        Map<Long, PostgresRoles.Sample> after = Map.of(
                1L, new PostgresRoles.Sample("writers", 3_000_000_000L),
                2L, new PostgresRoles.Sample("writers", 1_500_000_000L),
                3L, new PostgresRoles.Sample("listeners", 400_000_000L),
                5L, new PostgresRoles.Sample("feed readers", 900_000_000L));

        Map<String, Double> cores = PostgresRoles.cores(before, after, 4_000_000_000L);

        assertThat(cores).containsExactly(
                Map.entry("writers", 0.75),
                Map.entry("listeners", 0.1),
                Map.entry("feed readers", 0.0),
                Map.entry("node pools", 0.0),
                Map.entry("other", 0.0));
    }
}
