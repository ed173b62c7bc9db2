package io.chatsync.benchmark;

import java.io.IOException;
import java.nio.file.Path;

/** A server the benchmark measures from outside: a chatsync node, or one of the legacy design's Node backends. */
interface ServerProcess {

    String name();

    /** The server's process id. */
    long pid();

    /** CPU time the process has used so far (user + system), from /proc. */
    default long cpuNanos() throws IOException {
        return ProcessCpu.of(pid());
    }

    /**
     * Write system calls so far ({@code syscw} of /proc/PID/io): mostly its socket writes, to clients and to the
     * database.
     */
    default long writeCalls() throws IOException {
        return ProcessCpu.writeCalls(pid());
    }

    /** Resident memory ({@code VmRSS} of /proc/PID/status). */
    default long residentBytes() throws IOException {
        return ProcessCpu.residentBytes(pid());
    }

    /** The memory the server works in now: a JVM's heap in use, a Node process's resident memory. */
    long memoryBytes() throws IOException, InterruptedException;

    /** Starts recording a profile, where the server has a profiler the benchmark reads. */
    void startProfile(Path recording) throws IOException, InterruptedException;

    void stopProfile() throws IOException, InterruptedException;
}
