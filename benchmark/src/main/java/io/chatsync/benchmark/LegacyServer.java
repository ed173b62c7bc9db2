package io.chatsync.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of the legacy design's two Node backends (legacy-server.js), measured from outside as a node is: its CPU,
 * write calls and resident memory. It has no profiler the benchmark reads.
 */
final class LegacyServer implements ServerProcess, AutoCloseable {

    private final String name;
    private final Process process;

    private LegacyServer(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** Starts it on {@code port} of 127.0.0.1 and waits until it listens on the port and the database. */
    static LegacyServer start(Path script, String name, int port, ServerPlacement placement, Database database, Path log)
            throws IOException {
        String connection = "postgresql://" + database.user() + "@" + database.host() + ":" + database.port() + "/"
                + database.name();
        Process process = new ProcessBuilder(placement.command(
                        List.of("node", script.toString(), Integer.toString(port), name, connection)))
                .redirectError(log.toFile())
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.contains("\"listening\"")) {
            process.destroyForcibly();
            throw new IllegalStateException("legacy server " + name + " did not start: " + line + "; see " + log);
        }
        placement.settle("legacy server " + name, process.pid());
        return new LegacyServer(name, process);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /** A Node process's working memory is its resident memory. */
    @Override
    public long memoryBytes() throws IOException {
        return residentBytes();
    }

    @Override
    public void startProfile(Path recording) {
        // Nothing to record: the legacy design's figures come from phases without a profiler.
    }

    @Override
    public void stopProfile() {
        // As startProfile.
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
