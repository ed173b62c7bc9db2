package io.chatsync.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU time of processes, read from /proc (clock ticks of 10 ms, as Linux reports them to user space). */
final class ProcessCpu {

    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {
    }

    /** User + system CPU time of process {@code pid}, in nanoseconds. */
    static long of(long pid) throws IOException {
        return parse(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
    }

    /** User + system CPU time of every process whose command is {@code command}, e.g. all PostgreSQL backends. */
    static long ofCommand(String command) throws IOException {
        long total = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                if (!process.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    if (stat.contains("(" + command + ")")) {
                        total += parse(stat);
                    }
                } catch (NoSuchFileException ended) {
                    // The process ended between listing and reading; what it used is no longer counted anywhere.
                    continue;
                }
            }
        }
        return total;
    }

    /** Fields 14 and 15 of /proc/PID/stat (utime, stime), counted after the parenthesised command. */
    static long parse(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    }
}
