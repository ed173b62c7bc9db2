package io.chatsync.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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

    /** Write system calls of process {@code pid} so far. */
    static long writeCalls(long pid) throws IOException {
        return parseWriteCalls(Files.readAllLines(Path.of("/proc", String.valueOf(pid), "io")));
    }

    /** Resident memory of process {@code pid} ({@code VmRSS} of /proc/PID/status), in bytes. */
    static long residentBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).trim().split("\\s+")[0]) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    /** The {@code syscw} line of /proc/PID/io. */
    static long parseWriteCalls(List<String> io) {
        return io.stream().filter(line -> line.startsWith("syscw:"))
                .mapToLong(line -> Long.parseLong(line.substring("syscw:".length()).trim()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no syscw line in " + io));
    }

    /**
     * User + system CPU time of every process whose command is {@code command}, and of the children they have
     * waited for: for PostgreSQL, every backend, including those that ended (say, pgbench's connections) and are
     * counted in the postmaster's children's time.
     */
    static long ofCommand(String command) throws IOException {
        long total = 0;
        for (String stat : statsOf(command).values()) {
            total += parse(stat) + parseChildren(stat);
        }
        return total;
    }

    /**
     * Waits until no process whose command is {@code command} is left but those in {@code before}, or until
     * {@code within} has passed (a process started meanwhile that stays, such as a new pool connection, is no
     * concern). Summed while a process ends, its time can be counted nowhere: its parent reaps it after the
     * parent's line was read and before its own is.
     */
    static void awaitGone(String command, Set<Long> before, Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!before.containsAll(statsOf(command).keySet()) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    /** The processes whose command is {@code command}, by pid. */
    static Set<Long> pidsOf(String command) throws IOException {
        return statsOf(command).keySet();
    }

    /** The /proc/PID/stat line of every process whose command is {@code command}, by pid. */
    private static Map<Long, String> statsOf(String command) throws IOException {
        Map<Long, String> stats = new HashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    if (stat.contains("(" + command + ")")) {
                        stats.put(Long.parseLong(name), stat);
                    }
                } catch (NoSuchFileException ended) {
                    // The process ended between listing and reading; what it used is no longer counted anywhere.
                    continue;
                } catch (IOException e) {
                    // Reaped between opening its stat and reading it, the read fails with "No such process".
                    if (Files.exists(process)) {
                        throw e;
                    }
                }
            }
        }
        return stats;
    }

    /**
     * User + system CPU time of the children this process has waited for ({@code cutime}, {@code cstime}): a
     * command it ran, such as pgbench, counts here once it has ended.
     */
    static long ofEndedChildren() throws IOException {
        return parseChildren(Files.readString(Path.of("/proc/self/stat")));
    }

    /** CPU time no process used, on all cores together: idle and waiting for I/O, from /proc/stat. */
    static long idleOfMachine() throws IOException {
        return parseIdle(Files.readAllLines(Path.of("/proc/stat")).get(0));
    }

    /** Fields 14 and 15 of /proc/PID/stat (utime, stime), counted after the parenthesised command. */
    static long parse(String stat) {
        String[] fields = afterCommand(stat);
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    }

    /** Fields 16 and 17 of /proc/PID/stat (cutime, cstime). */
    static long parseChildren(String stat) {
        String[] fields = afterCommand(stat);
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * NANOS_PER_TICK;
    }

    /** The idle and iowait columns of /proc/stat's first line: {@code cpu user nice system idle iowait ...}. */
    static long parseIdle(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        if (!fields[0].equals("cpu")) {
            throw new IllegalArgumentException("not the machine's cpu line of /proc/stat: " + cpuLine);
        }
        return (Long.parseLong(fields[4]) + Long.parseLong(fields[5])) * NANOS_PER_TICK;
    }

    /** The fields of a /proc/PID/stat line after the parenthesised command, which may hold spaces and parentheses. */
    static String[] afterCommand(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
