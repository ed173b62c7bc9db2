package io.chatsync.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServerPlacementTest {

    @Test
    void aServerInASessionOfItsOwnGetsTheNiceAskedForAndTheBenchmarkKeepsItsOwn() throws Exception {
        Path benchmarks = Path.of("/proc/self/autogroup");
        int before = ServerPlacement.autogroupNice(Files.readString(benchmarks));
        // A higher nice than the benchmark's own, which any user may set on a process of theirs.
        int nice = Math.min(before + 5, 19);
        ServerPlacement placement = new ServerPlacement(ServerSessions.OWN, nice);
        Process server = new ProcessBuilder(placement.command(List.of("sh", "-c", "echo started; exec sleep 60")))
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("started");

            placement.settle("server", server.pid());

            String line = Files.readString(Path.of("/proc", String.valueOf(server.pid()), "autogroup"));
            assertThat(ServerPlacement.autogroupNice(line)).isEqualTo(nice);
            assertThat(ServerPlacement.autogroupNice(Files.readString(benchmarks))).isEqualTo(before);
        } finally {
            server.destroy();
            assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aNiceForServersInTheBenchmarksSessionIsRefused() {
        assertThatThrownBy(() -> new ServerPlacement(ServerSessions.SHARED, -10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("server-sessions=own");
        assertThatThrownBy(() -> new ServerPlacement(ServerSessions.OWN, -21))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-20 to 19");
    }

    @Test
    void readsTheNiceOfAnAutogroupLine() {
        assertThat(ServerPlacement.autogroupNice("/autogroup-42 nice -10\n")).isEqualTo(-10);
        assertThatThrownBy(() -> ServerPlacement.autogroupNice("42"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHeadingNamesTheWeightOnlyWhenOneIsGiven() {
        assertThat(new ServerPlacement(ServerSessions.OWN, 0).describe()).doesNotContain("nice");
        assertThat(new ServerPlacement(ServerSessions.OWN, -10).describe()).endsWith("at autogroup nice -10");
    }
}
