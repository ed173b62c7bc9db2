package io.chatsync.bootstrap.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.bootstrap.testing.NodeClients;
import io.chatsync.bootstrap.testing.NodeProcess;
import io.chatsync.bootstrap.testing.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.json.JSONObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three nodes behind Debian's HAProxy, configured by {@code deploy/haproxy/haproxy.cfg} itself: TLS at the load
 * balancer, 100 clients over both transports (half long-polling only, kept on one node by the load balancer's
 * cookie), one node killed with SIGKILL, and every client back on the two others with every message, none twice.
 * Loopback only; run apart from the default suite: {@code ./mvnw -Pload-balancer -pl bootstrap -am verify}.
 */
@Tag("load-balancer")
@Timeout(300)
class LoadBalancerTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    static final int STUDENTS = 80;
    static final int STAFF = 20;
    static final Path WORK = Path.of("target", "load-balancer");
    static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void everyClientIsBackOnTheRemainingNodesWithEveryMessageAfterANodeIsKilled() throws Exception {
        Files.createDirectories(WORK);
        Path certificate = selfSignedCertificate();
        HttpServer legacy = legacyBackend();
        List<NodeProcess> nodes = new ArrayList<>();
        Process haproxy = null;
        try {
            for (int i = 1; i <= 3; i++) {
                nodes.add(NodeProcess.start("lb-" + i, database.url(),
                        "--chatsync.gateway.resume=staff,students",
                        "--chatsync.gateway.trusted-proxies=127.0.0.1"));
            }
            int staffPort = freePort();
            int studentsPort = freePort();
            int statsPort = freePort();
            haproxy = startHaproxy(certificate, nodes, legacy.getAddress().getPort(), staffPort, studentsPort,
                    statsPort);
            Stats stats = new Stats(statsPort);
            await().atMost(DEADLINE).ignoreExceptions()
                    .until(() -> stats.up("chatsync_staff") == 3 && stats.up("chatsync_students") == 3);

            HttpClient https = https(certificate);
            String staffUrl = "https://127.0.0.1:" + staffPort;
            String studentsUrl = "https://127.0.0.1:" + studentsPort;
            // chatsync's paths reach chatsync; the rest still reaches the legacy backend.
            assertThat(https.send(HttpRequest.newBuilder(URI.create(staffUrl + "/api/courses")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("legacy: /api/courses");
            assertThat(https.send(HttpRequest.newBuilder(URI.create(studentsUrl + "/console/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("chatsync console");
            assertThat(https.send(HttpRequest.newBuilder(URI.create(staffUrl + "/api/openapi")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("\"openapi\"");

            ChatFixtures fixtures = new ChatFixtures(database.dataSource());
            List<Integer> students = new ArrayList<>();
            for (int i = 0; i < STUDENTS; i++) {
                students.add(fixtures.student("LB student " + i));
            }
            try (NodeClients clients = new NodeClients()) {
                for (int i = 0; i < STUDENTS; i++) {
                    connect(clients, "student-" + i, studentsUrl, Tokens.student(students.get(i)), i, certificate);
                }
                for (int i = 0; i < STAFF; i++) {
                    connect(clients, "staff-" + i, staffUrl, Tokens.staff("lb-staff-" + i), i, certificate);
                }
                List<String> names = new ArrayList<>();
                for (int i = 0; i < STUDENTS; i++) {
                    names.add("student-" + i);
                }
                for (int i = 0; i < STAFF; i++) {
                    names.add("staff-" + i);
                }
                await().atMost(DEADLINE).until(() -> names.stream().allMatch(name -> connects(clients, name) >= 1));
                // The load balancer spread them: every node holds a share (a third would be 33).
                assertThat(nodes).allSatisfy(node -> assertThat(sockets(node)).isGreaterThanOrEqualTo(10));

                Map<Integer, Set<Integer>> posted = new HashMap<>();
                postRound(https, studentsUrl, students, posted);
                awaitDelivered(clients, students, posted);

                // SIGKILL one node; post at once, while its clients are away; then again once they are back.
                NodeProcess killed = nodes.get(0);
                int onKilled = sockets(killed);
                assertThat(onKilled).as("sockets on the node to be killed").isPositive();
                killed.kill();
                postRound(https, studentsUrl, students, posted);
                await().atMost(DEADLINE).until(() -> stats.up("chatsync_staff") == 2);
                // Every socket the killed node held notices.
                await().atMost(DEADLINE).until(() -> dropped(clients, names).size() == onKilled);
                List<String> dropped = dropped(clients, names);
                await().atMost(DEADLINE).until(() -> dropped.stream().allMatch(name -> connects(clients, name) >= 2));
                postRound(https, studentsUrl, students, posted);
                awaitDelivered(clients, students, posted);

                // Every client is on the two nodes left, and each that dropped was resumed, not started afresh.
                assertThat(sockets(nodes.get(1)) + sockets(nodes.get(2))).isEqualTo(STUDENTS + STAFF);
                for (String name : dropped) {
                    List<JSONObject> connected = clients.matching(record -> name.equals(record.optString("name"))
                            && "connect".equals(record.optString("type")));
                    assertThat(connected.get(connected.size() - 1).getBoolean("recovered")).as(name).isTrue();
                }
                // Nothing twice: each socket got each of its messages once.
                for (String name : names) {
                    List<Integer> ids = clients.events(name, "message:new").stream()
                            .map(event -> event.getJSONArray("args").getJSONObject(0).getInt("chat_id")).toList();
                    assertThat(ids).as(name).doesNotHaveDuplicates();
                }
            }
        } finally {
            if (haproxy != null) {
                haproxy.destroy();
                haproxy.waitFor();
            }
            for (NodeProcess node : nodes) {
                node.close();
            }
            legacy.stop(0);
        }
    }

    /** Half the clients poll only (the load balancer's cookie keeps each on one node), half upgrade to WebSocket. */
    static void connect(NodeClients clients, String name, String url, String token, int index, Path certificate) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("auth", Map.of("token", token));
        options.put("transports", index % 2 == 0 ? List.of("polling") : List.of("polling", "websocket"));
        options.put("reconnection", true);
        options.put("withCredentials", true);
        options.put("caFile", certificate.toAbsolutePath().toString());
        clients.connect(name, url, options);
    }

    static List<String> dropped(NodeClients clients, List<String> names) {
        return names.stream().filter(name -> !clients.matching(record -> name.equals(record.optString("name"))
                && "disconnect".equals(record.optString("type"))).isEmpty()).toList();
    }

    static int connects(NodeClients clients, String name) {
        return clients.matching(record -> name.equals(record.optString("name"))
                && "connect".equals(record.optString("type"))).size();
    }

    /** Each student posts one message through the load balancer, retried with its idempotency key on a 5xx. */
    static void postRound(HttpClient https, String studentsUrl, List<Integer> students,
            Map<Integer, Set<Integer>> posted) throws Exception {
        for (int student : students) {
            String key = UUID.randomUUID().toString();
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(studentsUrl + "/api/threads/" + student + "/messages"))
                    .header("Authorization", "Bearer " + Tokens.student(student))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(new JSONObject().put("message", "m " + key).toString()))
                    .build();
            HttpResponse<String> response = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                    .until(() -> https.send(request, HttpResponse.BodyHandlers.ofString()),
                            reply -> reply.statusCode() < 500);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            posted.computeIfAbsent(student, s -> new HashSet<>()).add(new JSONObject(response.body()).getInt("chat_id"));
        }
    }

    /** Each student socket has its own thread's messages, each staff socket every student's. */
    static void awaitDelivered(NodeClients clients, List<Integer> students, Map<Integer, Set<Integer>> posted) {
        Set<Integer> all = new HashSet<>();
        posted.values().forEach(all::addAll);
        await().atMost(DEADLINE).untilAsserted(() -> {
            for (int i = 0; i < students.size(); i++) {
                assertThat(received(clients, "student-" + i)).as("student-" + i)
                        .containsAll(posted.get(students.get(i)));
            }
            for (int i = 0; i < STAFF; i++) {
                assertThat(received(clients, "staff-" + i)).as("staff-" + i).containsAll(all);
            }
        });
    }

    static Set<Integer> received(NodeClients clients, String name) {
        Set<Integer> ids = new HashSet<>();
        clients.events(name, "message:new")
                .forEach(event -> ids.add(event.getJSONArray("args").getJSONObject(0).getInt("chat_id")));
        return ids;
    }

    /** The node's connected sockets, from its metrics. */
    static int sockets(NodeProcess node) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + node.managementPort() + "/actuator/metrics/chatsync.socketio.sockets")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return (int) new JSONObject(body).getJSONArray("measurements").getJSONObject(0).getDouble("value");
    }

    /** What HAProxy's stats page says of a backend's servers. */
    record Stats(int port) {

        long up(String backend) throws IOException, InterruptedException {
            String csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/stats;csv")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            List<String> lines = csv.lines().toList();
            List<String> header = List.of(lines.get(0).substring(2).split(","));
            int status = header.indexOf("status");
            return lines.stream().skip(1).map(line -> line.split(","))
                    .filter(row -> row[0].equals(backend) && row[1].startsWith("node"))
                    .filter(row -> row[status].equals("UP")).count();
        }
    }

    static Process startHaproxy(Path certificate, List<NodeProcess> nodes, int legacyPort, int staffPort,
            int studentsPort, int statsPort) throws IOException {
        Path pem = WORK.resolve("lb.pem");
        ProcessBuilder builder = new ProcessBuilder(haproxy(), "-db", "-f",
                Path.of("..", "deploy", "haproxy", "haproxy.cfg").toString());
        Map<String, String> env = builder.environment();
        env.put("CHATSYNC_LB_CERT", pem.toAbsolutePath().toString());
        env.put("CHATSYNC_LB_STAFF_BIND", "127.0.0.1:" + staffPort);
        env.put("CHATSYNC_LB_STUDENTS_BIND", "127.0.0.1:" + studentsPort);
        env.put("CHATSYNC_LB_STATS_BIND", "127.0.0.1:" + statsPort);
        for (int i = 0; i < nodes.size(); i++) {
            String node = "CHATSYNC_NODE" + (i + 1);
            env.put(node, "127.0.0.1");
            env.put(node + "_STAFF", Integer.toString(nodes.get(i).staffPort()));
            env.put(node + "_STUDENTS", Integer.toString(nodes.get(i).studentPort()));
            env.put(node + "_HEALTH", Integer.toString(nodes.get(i).managementPort()));
        }
        env.put("CHATSYNC_LEGACY_STAFF", "127.0.0.1:" + legacyPort);
        env.put("CHATSYNC_LEGACY_STUDENTS", "127.0.0.1:" + legacyPort);
        builder.redirectErrorStream(true).redirectOutput(WORK.resolve("haproxy.log").toFile());
        return builder.start();
    }

    static String haproxy() {
        return Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "haproxy";
    }

    /** A certificate for 127.0.0.1, made by openssl; the load balancer's PEM holds it and its key. */
    static Path selfSignedCertificate() throws Exception {
        Path key = WORK.resolve("key.pem");
        Path certificate = WORK.resolve("certificate.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", certificate.toString(), "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1").redirectErrorStream(true)
                .redirectOutput(WORK.resolve("openssl.log").toFile()).start();
        assertThat(openssl.waitFor()).as("openssl").isZero();
        Files.writeString(WORK.resolve("lb.pem"), Files.readString(certificate) + Files.readString(key));
        return certificate;
    }

    static HttpClient https(Path certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry("load-balancer", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }

    /** Stands in for the legacy backend's own REST endpoints: answers every path with its name. */
    static HttpServer legacyBackend() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("legacy: " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
