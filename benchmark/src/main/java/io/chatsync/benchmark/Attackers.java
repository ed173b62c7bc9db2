package io.chatsync.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.json.JSONObject;

/**
 * Hostile connections against one node, on loopback: each of {@code connections} threads repeats one attack until
 * its time is up, opening a new connection whenever the node cut the last one. Every wait is bounded.
 */
final class Attackers implements AutoCloseable {

    /** The attacks, each as docs/protocol.md's limits describe what the node does about it. */
    enum Attack {
        BINARY_BEFORE_LOGIN("binary event claiming a million attachments, then 1 MiB binary frames, before login"),
        BINARY_AFTER_LOGIN("binary event and binary frames after an authenticated CONNECT"),
        OVERSIZED_FRAME("a 1 MiB CONNECT frame"),
        TRICKLING_POST("a polling post that trickles one byte every 100 ms"),
        SILENT("connections that never send a CONNECT"),
        POLLER_THAT_NEVER_POLLS("staff polling sessions that never poll again, kept up by blind pongs"),
        NEVER_READS("signed-in staff WebSockets that stop reading once connected"),
        FLOOD("staff sockets flooding message:send");

        final String description;

        Attack(String description) {
            this.description = description;
        }
    }

    /** One attack's outcome: connections opened, how many the node cut, and messages the flood got stored. */
    record Outcome(Attack attack, long connections, long cut, long floodSent) {
    }

    /** The thread the flood posts into; no benchmark socket watches it. */
    static final int FLOODED_THREAD = 15_001;

    private static final byte[] MEBIBYTE = new byte[1 << 20];
    private static final String BINARY_EVENT = "451000000-[\"message:send\",{\"_placeholder\":true,\"num\":0}]";

    private final String host;
    private final int studentPort;
    private final int staffPort;
    private final Tokens tokens;
    private final int connections;
    private final ExecutorService threads;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Attackers(String host, int studentPort, int staffPort, Tokens tokens, int connections) {
        this.host = host;
        this.studentPort = studentPort;
        this.staffPort = staffPort;
        this.tokens = tokens;
        this.connections = connections;
        this.threads = Executors.newFixedThreadPool(connections, runnable -> {
            Thread thread = new Thread(runnable, "attacker");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code attack} from every attacker until {@code duration} is up. */
    Outcome run(Attack attack, Duration duration) throws InterruptedException, ExecutionException {
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong opened = new AtomicLong();
        AtomicLong cut = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        List<Future<?>> running = new ArrayList<>();
        for (int k = 0; k < connections; k++) {
            int attacker = k;
            running.add(threads.submit(() -> {
                while (System.nanoTime() < end) {
                    opened.incrementAndGet();
                    try {
                        if (once(attack, attacker, end, sent)) {
                            cut.incrementAndGet();
                        }
                    } catch (IOException | RuntimeException e) {
                        // The node closing a connection mid-write is what an attack should come to.
                        cut.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        return new Outcome(attack, opened.get(), cut.get(), sent.get());
    }

    /** One connection of the attack; true when the node cut it before the attack's time was up. */
    private boolean once(Attack attack, int attacker, long end, AtomicLong sent)
            throws IOException, InterruptedException {
        return switch (attack) {
            case BINARY_BEFORE_LOGIN -> binary(null, end);
            case BINARY_AFTER_LOGIN -> binary(tokens.student(FLOODED_THREAD + 1 + attacker), end);
            case OVERSIZED_FRAME -> {
                RawWebSocket ws = RawWebSocket.open(http, url(studentPort));
                ws.send("40{\"token\":\"" + "x".repeat(1 << 20) + "\"}");
                yield ws.awaitClosed(end);
            }
            case TRICKLING_POST -> tricklingPost(end);
            case SILENT -> RawWebSocket.open(http, url(studentPort)).awaitClosed(end);
            case POLLER_THAT_NEVER_POLLS -> pollerThatNeverPolls(attacker, end);
            case NEVER_READS -> {
                // Sent every student's message like any dashboard, it reads none: only the node's slow-reader
                // rule (time behind, or its outbox bound) ends it.
                RawWebSocket ws = RawWebSocket.openUntilConnected(http, url(staffPort));
                ws.send("40{\"token\":\"" + tokens.staff(700 + attacker) + "\"}");
                ws.awaitFrame("40", end);
                yield ws.awaitClosed(end);
            }
            case FLOOD -> flood(attacker, end, sent);
        };
    }

    private boolean binary(String token, long end) throws IOException, InterruptedException {
        RawWebSocket ws = RawWebSocket.open(http, url(studentPort));
        if (token != null) {
            ws.send("40{\"token\":\"" + token + "\"}");
            ws.awaitFrame("40", end);
        }
        ws.send(BINARY_EVENT);
        while (!ws.closed.isDone() && System.nanoTime() < end) {
            ws.sendBinary(MEBIBYTE);
        }
        return ws.awaitClosed(end);
    }

    private boolean tricklingPost(long end) throws IOException, InterruptedException {
        String sid = handshake(studentPort);
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(host, studentPort), 5_000);
            raw.setSoTimeout(100);
            OutputStream out = raw.getOutputStream();
            InputStream in = raw.getInputStream();
            // Within what a stranger may post (16 KiB), so only the deadline can cut it.
            out.write(("POST /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: " + host
                    + "\r\nContent-Type: text/plain\r\nContent-Length: 10000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            while (System.nanoTime() < end) {
                out.write('4');
                out.flush();
                try {
                    if (in.read() >= 0) {
                        return true;
                    }
                } catch (java.net.SocketTimeoutException e) {
                    continue;
                }
                return true;
            }
            return false;
        }
    }

    private boolean pollerThatNeverPolls(int attacker, long end) throws IOException, InterruptedException {
        String sid = handshake(staffPort);
        String session = pollingUrl(staffPort) + "&sid=" + sid;
        post(session, "40" + new JSONObject().put("token", tokens.staff(900 + attacker)));
        get(session);
        while (System.nanoTime() < end) {
            // Blind pongs, never a poll: only the node's backlog bound or its polling check ends this session.
            if (post(session, "3").statusCode() != 200) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(1_000);
        }
        return false;
    }

    private boolean flood(int attacker, long end, AtomicLong sent) throws IOException, InterruptedException {
        RawWebSocket ws = RawWebSocket.open(http, url(staffPort));
        ws.send("40{\"token\":\"" + tokens.staff(800 + attacker) + "\"}");
        ws.awaitFrame("40", end);
        int ack = 0;
        while (!ws.closed.isDone() && System.nanoTime() < end) {
            ws.send("42" + (ack++) + "[\"message:send\",{\"user_id\":" + FLOODED_THREAD + ",\"message\":\"spam\"}]");
            sent.incrementAndGet();
        }
        ws.abort();
        return ws.closed.isDone();
    }

    private String url(int port) {
        return "ws://" + host + ":" + port + "/socket.io/?EIO=4&transport=websocket";
    }

    private String pollingUrl(int port) {
        return "http://" + host + ":" + port + "/socket.io/?EIO=4&transport=polling";
    }

    private String handshake(int port) throws IOException, InterruptedException {
        HttpResponse<String> open = get(pollingUrl(port));
        return new JSONObject(open.body().substring(1)).getString("sid");
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
