package io.chatsync.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServerSessionsTest {

    /** A server stand-in: says it started, then waits to be stopped. */
    static final List<String> SERVER = List.of("sh", "-c", "echo started; exec sleep 60");

    @Test
    void readsTheSessionAfterACommandThatContainsParentheses() {
        String stat = "4242 (java (main) x) S 1 4240 4241 0 -1 4194560 100 0 0 0 150 50 0 0 20 0 30 0 123 456";

        assertThat(ServerSessions.parseSession(stat)).isEqualTo(4241);
    }

    @Test
    void aServerStartedInASessionOfItsOwnLeadsIt() throws Exception {
        Process server = started(ServerSessions.OWN.command(SERVER));
        try {
            assertThat(ServerSessions.sessionOf(server.pid())).isEqualTo(server.pid());
            ServerSessions.OWN.check("server", server.pid());
        } finally {
            stop(server);
        }
    }

    @Test
    void aServerStartedInTheBenchmarksSessionSharesIt() throws Exception {
        Process server = started(ServerSessions.SHARED.command(SERVER));
        try {
            long benchmarks = ServerSessions.sessionOf(ProcessHandle.current().pid());
            assertThat(ServerSessions.sessionOf(server.pid())).isEqualTo(benchmarks).isNotEqualTo(server.pid());
            assertThatThrownBy(() -> ServerSessions.OWN.check("server", server.pid()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not in a session of its own");
        } finally {
            stop(server);
        }
    }

    @Test
    void theSettingIsReadWhateverItsCase() {
        assertThat(ServerSessions.parse(" Shared ")).isEqualTo(ServerSessions.SHARED);
        assertThat(ServerSessions.parse("own")).isEqualTo(ServerSessions.OWN);
    }

    /** Starts {@code command} (the {@link #SERVER} stand-in, placed) and returns once it says it started. */
    static Process started(List<String> command) throws IOException {
        Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("started");
        return server;
    }

    static void stop(Process server) throws InterruptedException {
        server.destroy();
        assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
}
