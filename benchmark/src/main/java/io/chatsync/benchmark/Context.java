package io.chatsync.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What every scenario works with: the settings, the directory for logs and recordings, the load-client script,
 * the tokens for its sockets and the report it prints to.
 */
record Context(Settings settings, Path work, Path script, Tokens tokens, Report report) {

    /** This context with the rates for a run whose best ceiling is {@code ceilingTop} ({@link Settings#atCeiling}). */
    Context atCeiling(double ceilingTop) {
        return new Context(settings.atCeiling(ceilingTop), work, script, tokens, report);
    }

    /** A load-client process, logging to {@code <name>.log} in the work directory. */
    LoadClient loadClient(String name) throws IOException {
        return new LoadClient(name, script, work.resolve(name + ".log"));
    }

    /**
     * A process for the reference shape's sockets (chatsync's and the legacy design's alike): official clients, or
     * lean readers when {@code benchmark.reference-clients=lean}.
     */
    LoadClient referenceClient(String name) throws IOException {
        return settings.referenceClients() == FanOut.Clients.LEAN ? leanClient(name) : loadClient(name);
    }

    /** A {@link LeanReaders} process on this JVM's own Java and class path, logging as {@link #loadClient}. */
    LoadClient leanClient(String name) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new LoadClient(name, List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), LeanReaders.class.getName()), work.resolve(name + ".log"));
    }
}
