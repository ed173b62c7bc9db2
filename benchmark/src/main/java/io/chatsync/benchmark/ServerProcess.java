package io.chatsync.benchmark;

import java.io.IOException;
import java.nio.file.Path;

/** A server the benchmark measures from outside: a chatsync node, or one of the legacy design's Node backends. */
interface ServerProcess {

    String name();

    /** CPU time the process has used so far (user + system). */
    long cpuNanos() throws IOException;

    /** Write system calls so far ({@code syscw} of /proc/PID/io). */
    long writeCalls() throws IOException;

    /** The memory the server works in now: a JVM's heap in use, a Node process's resident memory. */
    long memoryBytes() throws IOException, InterruptedException;

    /** Starts recording a profile, where the server has a profiler the benchmark reads. */
    void startProfile(Path recording) throws IOException, InterruptedException;

    void stopProfile() throws IOException, InterruptedException;
}
