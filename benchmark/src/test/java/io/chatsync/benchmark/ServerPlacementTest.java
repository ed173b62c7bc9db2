package io.chatsync.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerPlacementTest {

    /**
     * Where the kernel shows the server's session autogroup, that session gets the nice and the benchmark's own is
     * untouched; where it shows none (/proc/PID/autogroup empty, as in some containers) the run is refused rather
     * than reported at a weight it never had. Whichever this machine is, its case is checked.
     */
    @Test
    void aServerInASessionOfItsOwnGetsTheNiceAskedForOrTheRunIsRefusedWhereItHasNoAutogroup() throws Exception {
        Path benchmarks = Path.of("/proc/self/autogroup");
        String benchmarksLine = Files.readString(benchmarks);
        Process server = ServerSessionsTest.started(new ServerPlacement(ServerSessions.OWN, 0)
                .command(ServerSessionsTest.SERVER));
        try {
            Path servers = Path.of("/proc", String.valueOf(server.pid()), "autogroup");
            String serversLine = Files.readString(servers);
            if (!serversLine.isBlank()) {
                // A higher nice than the session's own, which any user may set on a process of theirs.
                int nice = Math.min(ServerPlacement.autogroupNice(serversLine) + 5, 19);
                new ServerPlacement(ServerSessions.OWN, nice).settle("server", server.pid());

                assertThat(ServerPlacement.autogroupNice(Files.readString(servers))).isEqualTo(nice);
                assertThat(Files.readString(benchmarks)).isEqualTo(benchmarksLine);
            } else {
                assertThatThrownBy(() -> new ServerPlacement(ServerSessions.OWN, 5).settle("server", server.pid()))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("has no autogroup");
                assertThat(Files.readString(servers)).isBlank();
            }
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
    void aServerWithoutAnAutogroupIsRefused() {
        assertThatThrownBy(() -> ServerPlacement.requireAutogroup("node A", 42, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("node A (process 42) has no autogroup (/proc/42/autogroup is empty):"
                        + " benchmark.server-nice has no effect here");
        assertThatCode(() -> ServerPlacement.requireAutogroup("node A", 42, "/autogroup-7 nice 0\n"))
                .doesNotThrowAnyException();
    }

    @Test
    void theHeadingNamesTheWeightOnlyWhenOneIsGiven() {
        assertThat(new ServerPlacement(ServerSessions.OWN, 0).describe()).doesNotContain("nice");
        assertThat(new ServerPlacement(ServerSessions.OWN, -10).describe()).endsWith("at autogroup nice -10");
    }
}
