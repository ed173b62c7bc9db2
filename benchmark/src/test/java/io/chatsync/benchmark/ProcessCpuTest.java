package io.chatsync.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void readsUserAndSystemTicksAfterACommandThatContainsParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 150 50 0 0 20 0 30 0 123 456";

        assertThat(ProcessCpu.parse(stat)).isEqualTo(2_000_000_000L);
    }

    @Test
    void readsTheTicksOfEndedChildren() {
        String stat = "4242 (java) S 1 4242 4242 0 -1 4194560 100 0 0 0 150 50 700 300 20 0 30 0 123 456";

        assertThat(ProcessCpu.parseChildren(stat)).isEqualTo(10_000_000_000L);
    }

    @Test
    void readsTheMachinesIdleAndIoWaitTicks() {
        String cpu = "cpu  10132153 290696 3084719 46828483 16683 0 25195 0 0 0";

        assertThat(ProcessCpu.parseIdle(cpu)).isEqualTo((46_828_483L + 16_683L) * 10_000_000L);
    }

    @Test
    void refusesALineThatIsNotTheMachinesTotal() {
        assertThatThrownBy(() -> ProcessCpu.parseIdle("cpu0 1 2 3 4 5 6 7"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
