package io.chatsync.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerPlacementTest {

    @Test
    void aServerInASessionOfItsOwnGetsTheNiceAskedForAndTheBenchmarkKeepsItsOwn() throws Exception {
        Path benchmarks = Path.of("/proc/self/autogroup");
        int before = ServerPlacement.autogroupNice(Files.readString(benchmarks));
        // A higher nice than the benchmark's own, which any user may set on a process of theirs.
        int nice = Math.min(before + 5, 19);
        ServerPlacement placement = new ServerPlacement(ServerSessions.OWN, nice);
        Process server = ServerSessionsTest.started(placement.command(ServerSessionsTest.SERVER));
        try {
            placement.settle("server", server.pid());

            String line = Files.readString(Path.of("/proc", String.valueOf(server.pid()), "autogroup"));
            assertThat(ServerPlacement.autogroupNice(line)).isEqualTo(nice);
            assertThat(ServerPlacement.autogroupNice(Files.readString(benchmarks))).isEqualTo(before);
        } finally {
            ServerSessionsTest.stop(server);
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
