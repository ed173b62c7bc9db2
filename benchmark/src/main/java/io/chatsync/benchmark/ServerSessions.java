package io.chatsync.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which session the servers the benchmark starts (chatsync nodes, the legacy design's Node backends) run in.
 *
 * <p>With Linux's autogroup scheduling ({@code kernel.sched_autogroup_enabled}) the cores are shared between
 * sessions first and between a session's threads second. A service manager starts each server in a session of its
 * own; started inside the benchmark's session, a server takes turns with the writers and readers that load it, and
 * PostgreSQL, a service, gets a share as large as all of them together (docs/benchmarks.md, "The low-rate tail, hop
 * by hop").
 */
enum ServerSessions {

    /** Each server in a session of its own, started through {@code setsid}, as a service manager starts one. */
    OWN,

    /** Every server in the benchmark's session, beside its writers and readers. */
    SHARED;

    /** {@code command}, started in a session of its own when that is the setting. */
    List<String> command(List<String> command) {
        if (this == SHARED) {
            return command;
        }
        // A child of the benchmark leads no process group, so setsid makes the session and runs the command in
        // its own process: the process id the benchmark knows stays the server's (checked by check).
        List<String> inSession = new ArrayList<>(List.of("setsid"));
        inSession.addAll(command);
        return inSession;
    }

    /**
     * Fails unless process {@code pid}, once started, runs as this setting says: under {@link #OWN}, as the leader of
     * a session of its own. Call it after the server has answered, when setsid has long made the session.
     */
    void check(String name, long pid) throws IOException {
        if (this == OWN && sessionOf(pid) != pid) {
            throw new IllegalStateException(name + " (process " + pid + ") is not in a session of its own");
        }
    }

    /** The session id of process {@code pid}, from /proc/PID/stat. */
    static long sessionOf(long pid) throws IOException {
        return parseSession(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
    }

    /** The sixth field of a /proc/PID/stat line: after the command, its state, parent, process group, session. */
    static long parseSession(String stat) {
        return Long.parseLong(ProcessCpu.afterCommand(stat)[3]);
    }

    /** Whether the kernel shares the cores between sessions first: "on", "off", or "absent" on kernels without it. */
    static String autogroup() throws IOException {
        Path setting = Path.of("/proc/sys/kernel/sched_autogroup_enabled");
        if (!Files.exists(setting)) {
            return "absent";
        }
        return Files.readString(setting).trim().equals("0") ? "off" : "on";
    }

    static ServerSessions parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
