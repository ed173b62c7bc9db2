package io.chatsync.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the servers the benchmark starts run, and at what weight: their session ({@link ServerSessions}) and, for a
 * server in a session of its own, the nice value of that session's autogroup.
 *
 * <p>With autogroup scheduling the cores are shared between sessions by weight; a session's nice sets its weight as a
 * service manager's {@code CPUWeight} sets a service's: nice 0 weighs 1,024, nice -10 weighs 9,548. Both designs'
 * servers get the same one. It is left at 0 (the kernel's default) unless {@code benchmark.server-nice} says
 * otherwise.
 */
record ServerPlacement(ServerSessions sessions, int nice) {

    ServerPlacement {
        if (nice < -20 || nice > 19) {
            throw new IllegalArgumentException("benchmark.server-nice must be from -20 to 19, not " + nice);
        }
        if (nice != 0 && sessions != ServerSessions.OWN) {
            // In the benchmark's session the weight would be its writers' and readers' too.
            throw new IllegalArgumentException("benchmark.server-nice needs benchmark.server-sessions=own");
        }
    }

    /** {@code command}, started as {@link #sessions} says. */
    List<String> command(List<String> command) {
        return sessions.command(command);
    }

    /**
     * Call once server {@code pid} has answered: fails unless it runs in the session the setting says, then gives
     * its session the weight. A negative nice needs root or {@code CAP_SYS_NICE}; without them, or where the kernel
     * shows the server no autogroup, the run stops here. (In a CPU cgroup of its own, a container's or a unit's,
     * a process is weighed by that cgroup and its autogroup's nice does nothing; the kernel does not say so here.)
     */
    void settle(String name, long pid) throws IOException {
        sessions.check(name, pid);
        if (nice == 0) {
            return;
        }
        Path autogroup = Path.of("/proc", String.valueOf(pid), "autogroup");
        requireAutogroup(name, pid, Files.readString(autogroup));
        try {
            Files.writeString(autogroup, Integer.toString(nice));
        } catch (IOException e) {
            throw new IOException("could not set the autogroup nice of " + name + " (process " + pid + ") to " + nice
                    + " (a negative nice needs root or CAP_SYS_NICE)", e);
        }
        int set = autogroupNice(Files.readString(autogroup));
        if (set != nice) {
            throw new IllegalStateException(name + " (process " + pid + ") has autogroup nice " + set + ", not " + nice);
        }
    }

    /** Fails when {@code line}, read from /proc/PID/autogroup, is empty: the kernel shows no autogroup to weigh. */
    static void requireAutogroup(String name, long pid, String line) {
        if (line.isBlank()) {
            throw new IllegalStateException(name + " (process " + pid + ") has no autogroup (/proc/" + pid
                    + "/autogroup is empty): benchmark.server-nice has no effect here");
        }
    }

    /** The nice value of a /proc/PID/autogroup line, such as {@code /autogroup-42 nice -10}. */
    static int autogroupNice(String line) {
        String[] words = line.trim().split("\\s+");
        if (words.length != 3 || !words[1].equals("nice")) {
            throw new IllegalArgumentException("not an autogroup line: " + line);
        }
        return Integer.parseInt(words[2]);
    }

    /** For the report's heading. */
    String describe() {
        String where = sessions == ServerSessions.OWN
                ? "each in a session of its own, as a service manager starts them"
                : "in the benchmark's session, beside its writers and readers";
        return nice == 0 ? where : where + ", each session at autogroup nice " + nice;
    }
}
