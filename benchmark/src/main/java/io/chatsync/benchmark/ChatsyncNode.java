package io.chatsync.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;

/** A chatsync node in its own JVM, started from the built jar, with its health, CPU and heap read from outside. */
final class ChatsyncNode implements ServerProcess, AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String name;
    private final Process process;
    private final int managementPort;
    private final Path jcmd;
    private final ServerPlacement placement;

    private ChatsyncNode(String name, Process process, int managementPort, Path jcmd, ServerPlacement placement) {
        this.name = name;
        this.process = process;
        this.managementPort = managementPort;
        this.jcmd = jcmd;
        this.placement = placement;
    }

    /**
     * Starts a node; {@code arguments} are its Spring Boot arguments after the common ones (database, secret,
     * node name and management port).
     */
    static ChatsyncNode start(Path jar, String name, String heap, List<String> jvmOptions, ServerPlacement placement,
            Database database, String secret, int managementPort, Path log, String... arguments) throws IOException {
        Path javaHome = Path.of(System.getProperty("java.home"));
        // A fixed heap, as a latency-sensitive service runs: left to size itself, G1 shrank the nodes' heap to
        // 104 MB and ran a concurrent cycle every two seconds, whose remark pauses were the p99 (docs/benchmarks.md).
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(), "-Xms" + heap,
                "-Xmx" + heap));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(),
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(),
                "--chatsync.node-name=" + name,
                "--chatsync.auth.jwt-secret=" + secret,
                "--management.server.port=" + managementPort,
                // Every load client comes from loopback, and the idle phase opens thousands at once, some as the
                // same student: the per-address and per-user caps, sized for a real site, would refuse them.
                "--chatsync.gateway.strangers-per-address=100000",
                "--chatsync.gateway.strangers=100000",
                "--chatsync.gateway.sockets-per-user=100000",
                "--spring.main.banner-mode=off"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(placement.command(command)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ChatsyncNode(name, process, managementPort, javaHome.resolve("bin/jcmd"), placement);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /** Waits until the node reports ready: migrated, its change feed caught up and listening. */
    void awaitReady(Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> health = get("/actuator/health/readiness");
                if (health.statusCode() == 200) {
                    placement.settle("node " + name, process.pid());
                    return;
                }
                last = health.body();
            } catch (IOException e) {
                last = e.toString();
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException("node " + name + " was not ready within " + within + ": " + last);
    }

    /** Heap in use now, garbage included. */
    @Override
    public long memoryBytes() throws IOException, InterruptedException {
        return heapUsedBytes();
    }

    /** Heap in use now, garbage included. */
    long heapUsedBytes() throws IOException, InterruptedException {
        return (long) gauge("jvm.memory.used?tag=area:heap");
    }

    /** Heap in use after a full collection: what the node keeps alive. */
    long liveHeapBytes() throws IOException, InterruptedException {
        jcmd("GC.run");
        return heapUsedBytes();
    }

    /**
     * The objects a full collection leaves, class by class, written to {@code file}; returns them.
     * Exact where {@link #liveHeapBytes()} is not: that reads the heap's use after the collection, by which time
     * the node has allocated again (its pings, the metric request itself).
     */
    ClassHistogram liveHeapHistogram(Path file) throws IOException, InterruptedException {
        String histogram = jcmd("GC.class_histogram");
        Files.writeString(file, histogram);
        return ClassHistogram.parse(histogram);
    }

    /**
     * Writes the node's live heap to {@code file} (HPROF), for a closer look at what it keeps. The JVM refuses to
     * overwrite a file, and jcmd then still exits 0: an earlier run's dump would stay in its place unnoticed.
     */
    void heapDump(Path file) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        String output = jcmd("GC.heap_dump", file.toString());
        if (!Files.isRegularFile(file)) {
            throw new IOException("jcmd GC.heap_dump wrote no " + file + " on node " + name + ": " + output.strip());
        }
    }

    /** Direct buffers the node's JVM holds (NIO's, Tomcat's and the database driver's included). */
    long directBufferBytes() throws IOException, InterruptedException {
        return (long) gauge("jvm.buffer.memory.used?tag=id:direct");
    }

    /** A gauge of the node's Micrometer registry, {@code metric} with its tag query. */
    private double gauge(String metric) throws IOException, InterruptedException {
        HttpResponse<String> answer = get("/actuator/metrics/" + metric);
        if (answer.statusCode() != 200) {
            throw new IOException("node " + name + " answered " + answer.statusCode() + " for " + metric);
        }
        return new JSONObject(answer.body()).getJSONArray("measurements").getJSONObject(0).getDouble("value");
    }

    /** Whether the node answers its readiness probe with 200 now. */
    boolean ready() throws InterruptedException {
        try {
            return get("/actuator/health/readiness").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** A counter of the node's Micrometer registry, summed over its tags; 0 when it has counted nothing yet. */
    double counter(String name) throws IOException, InterruptedException {
        HttpResponse<String> metric = get("/actuator/metrics/" + name);
        if (metric.statusCode() == 404) {
            return 0;
        }
        return new JSONObject(metric.body()).getJSONArray("measurements").getJSONObject(0).getDouble("value");
    }

    /** Open file descriptors of the node's process, sockets included. */
    long openFiles() throws IOException {
        try (var files = Files.list(Path.of("/proc", String.valueOf(process.pid()), "fd"))) {
            return files.count();
        }
    }

    /** The node process's limit on open files (sockets included): the soft limit from /proc. */
    long openFileLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "limits"))) {
            if (line.startsWith("Max open files")) {
                return Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no open-file limit in /proc/" + process.pid() + "/limits");
    }

    @Override
    public void startProfile(Path recording) throws IOException, InterruptedException {
        jcmd("JFR.start", "name=benchmark", "settings=profile", "filename=" + recording);
    }

    @Override
    public void stopProfile() throws IOException, InterruptedException {
        jcmd("JFR.stop", "name=benchmark");
    }

    private String jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), String.valueOf(process.pid())));
        line.addAll(List.of(command));
        Process run = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes());
        if (run.waitFor() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed on node " + name + ": " + output);
        }
        return output;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .timeout(Duration.ofSeconds(10)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
