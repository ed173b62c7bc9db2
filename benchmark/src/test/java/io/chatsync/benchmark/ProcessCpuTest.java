package io.chatsync.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCpuTest {

    @TempDir
    Path bin;

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

    @Test
    void readsTheWriteCallsOfAProcess() {
        List<String> io = List.of("rchar: 2012", "wchar: 1024", "syscr: 15", "syscw: 7", "read_bytes: 0");

        assertThat(ProcessCpu.parseWriteCalls(io)).isEqualTo(7);
        assertThatThrownBy(() -> ProcessCpu.parseWriteCalls(List.of("rchar: 2012")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void waitsUntilTheProcessesStartedMeanwhileAreGone() throws Exception {
        String command = sleepUnderAnOwnName();
        Set<Long> before = ProcessCpu.pidsOf(command);
        Process started = new ProcessBuilder(bin.resolve(command).toString(), "0.3").start();
        assertThat(ProcessCpu.pidsOf(command)).contains(started.pid());

        long start = System.nanoTime();
        ProcessCpu.awaitGone(command, before, Duration.ofSeconds(20));

        // It returned because the process went, not because the 20 s were up.
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
        assertThat(started.isAlive()).isFalse();
        assertThat(ProcessCpu.pidsOf(command)).doesNotContain(started.pid());
    }

    @Test
    void stopsWaitingForAProcessThatStaysWhenTheTimeIsUp() throws Exception {
        String command = sleepUnderAnOwnName();
        Set<Long> before = ProcessCpu.pidsOf(command);
        Process staying = new ProcessBuilder(bin.resolve(command).toString(), "60").start();
        try {
            long start = System.nanoTime();
            ProcessCpu.awaitGone(command, before, Duration.ofMillis(200));

            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
            assertThat(staying.isAlive()).isTrue();
        } finally {
            staying.destroy();
        }
    }

    /**
     * {@code sleep} under a name no other process on the machine has (a process's command is the name it was
     * started by), so that a {@code sleep} started elsewhere meanwhile cannot hold these tests up.
     */
    private String sleepUnderAnOwnName() throws IOException {
        String command = "pct-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        Files.createSymbolicLink(bin.resolve(command), Path.of("/usr/bin/sleep").toRealPath());
        return command;
    }
}
