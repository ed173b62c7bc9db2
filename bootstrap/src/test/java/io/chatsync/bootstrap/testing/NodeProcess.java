package io.chatsync.bootstrap.testing;

import static org.awaitility.Awaitility.await;

import io.chatsync.ChatsyncApplication;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A chatsync node in a process of its own, on the tests' class path, for what only a process can show: being killed
 * with SIGKILL. Its output goes to {@code target/node-<name>.log}.
 */
public final class NodeProcess implements AutoCloseable {

    private final Process process;
    private final int staffPort;
    private final int studentPort;
    private final Path log;
    private final int managementPort;

    private NodeProcess(Process process, int staffPort, int studentPort, Path log, int managementPort) {
        this.process = process;
        this.managementPort = managementPort;
        this.staffPort = staffPort;
        this.studentPort = studentPort;
        this.log = log;
    }

    /** Starts a node and waits until it is ready (its change feed listens). */
    public static NodeProcess start(String name, String databaseUrl, String... extra) throws IOException {
        return start(System.getProperty("java.class.path"), name, databaseUrl, extra);
    }

    /**
     * A node on the product's own classes and logging: without the tests' classes, whose logback-test.xml would
     * stand in for Spring Boot's logging configuration.
     */
    public static NodeProcess startAsShipped(String name, String databaseUrl, String... extra) throws IOException {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        return start(classPath, name, databaseUrl, extra);
    }

    private static NodeProcess start(String classPath, String name, String databaseUrl, String... extra)
            throws IOException {
        int staff = freePort();
        int student = freePort();
        int management = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath,
                ChatsyncApplication.class.getName(),
                "--server.port=" + staff,
                "--management.server.port=" + management,
                "--chatsync.gateway.student-port=" + student,
                "--chatsync.node-name=" + name,
                "--spring.datasource.url=" + databaseUrl,
                "--chatsync.auth.jwt-secret=" + Tokens.SECRET,
                "--chatsync.feed.poll-interval=200ms",
                "--chatsync.gateway.strangers-per-address=1000",
                "--spring.main.banner-mode=off"));
        command.addAll(List.of(extra));
        Path log = Path.of("target", "node-" + name + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        NodeProcess node = new NodeProcess(process, staff, student, log, management);
        HttpClient http = HttpClient.newHttpClient();
        URI readiness = URI.create("http://127.0.0.1:" + management + "/actuator/health/readiness");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                return http.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return node;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Health, readiness and metrics. */
    public int managementPort() {
        return managementPort;
    }

    /** Where the node's output goes. */
    public Path log() {
        return log;
    }

    public int staffPort() {
        return staffPort;
    }

    public int studentPort() {
        return studentPort;
    }

    /** SIGTERM: the node shuts down gracefully, as an orchestrator stops it for an upgrade. */
    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /** SIGKILL: the node stops at once, closing nothing and telling no one. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
