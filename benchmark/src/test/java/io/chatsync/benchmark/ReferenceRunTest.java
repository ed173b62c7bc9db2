package io.chatsync.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceRunTest {

    private static final long MS = 1_000_000L;

    @Test
    void theWritersSecondsCountCommitsAndShowASlowSecondAndTheBurstBehindIt() {
        // Second 1: two INSERTs on time (2 and 4 ms). Second 2: one INSERT of 300 ms, sent on time; the next two
        // were due during it and went out 250 ms late. Second 3: nothing committed.
        List<Deliveries.Commit> commits = List.of(
                new Deliveries.Commit(1, 1, true, 0, 0, 2 * MS),
                new Deliveries.Commit(2, 1, true, 500 * MS, 500 * MS, 504 * MS),
                new Deliveries.Commit(3, 1, true, 900 * MS, 900 * MS, 1_200 * MS),
                new Deliveries.Commit(4, 1, true, 1_000 * MS, 1_250 * MS, 1_253 * MS),
                new Deliveries.Commit(5, 1, true, 1_010 * MS, 1_260 * MS, 1_262 * MS));

        assertThat(ReferenceRun.writersBySecond(commits, 2 * MS, 2_999 * MS))
                .isEqualTo("2 / 4 / 0 · 3 / 300 / 250 · 0");
    }
}
