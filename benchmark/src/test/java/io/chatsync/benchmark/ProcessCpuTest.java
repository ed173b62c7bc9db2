package io.chatsync.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void readsUserAndSystemTicksAfterACommandThatContainsParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 150 50 0 0 20 0 30 0 123 456";

        assertThat(ProcessCpu.parse(stat)).isEqualTo(2_000_000_000L);
    }
}
