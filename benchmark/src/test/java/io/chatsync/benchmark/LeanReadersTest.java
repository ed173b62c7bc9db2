package io.chatsync.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LeanReaders} in its own process, driven by {@link LoadClient} as the benchmark drives it, against a server
 * written here that speaks the node's side of the wire: what the readers send is checked frame by frame, and what
 * they report is what was sent.
 */
class LeanReadersTest {

    @TempDir
    Path work;

    @Test
    void connectsWithItsTokenAnswersPingsAndNotesEveryMessageWholeOrInPieces() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> seen = new CompletableFuture<>();
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> serve(server, seen));
            String java = ProcessHandle.current().info().command().orElse("java");
            LoadClient readers = new LoadClient("lean", List.of(java, "-cp", System.getProperty("java.class.path"),
                    LeanReaders.class.getName()), work.resolve("lean.log"));
            try {
                long before = System.nanoTime();
                readers.connect(List.of(new LoadClient.Spec(7, "http://127.0.0.1:" + server.getLocalPort(),
                        "the-token", List.of(12))), 1);
                List<String> frames = seen.get(30, TimeUnit.SECONDS);
                assertThat(frames).containsExactly("40{\"token\":\"the-token\"}", "420[\"join\",12]", "3");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (readers.arrivals() < 2 && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
                LoadClient.Report report = readers.report(work.resolve("arrivals.csv"));
                List<String> lines = Files.readAllLines(report.file());
                assertThat(lines).hasSize(2);
                assertThat(lines.get(0)).startsWith("7,206,1,");
                assertThat(lines.get(1)).startsWith("7,207,31,");
                long at = Long.parseLong(lines.get(0).split(",")[3]);
                assertThat(at).isBetween(before, System.nanoTime());
                assertThat(report.cpuMicros()).isPositive();
            } finally {
                readers.close();
            }
            served.get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Upgrades one connection, sends Engine.IO's OPEN, answers the CONNECT and the join, pings, then sends a
     * {@code users:updated}, one {@code message:new} in one frame and one in three; {@code seen} gets the client's
     * frames once it has answered the ping. Returns when the client closes the connection.
     */
    private static void serve(ServerSocket server, CompletableFuture<List<String>> seen) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                head.write(in.read());
            }
            assertThat(head.toString(StandardCharsets.US_ASCII))
                    .startsWith("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1");
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            text(out, "0{\"sid\":\"s\",\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}", true, 1);
            List<String> frames = new ArrayList<>();
            DataInputStream client = new DataInputStream(in);
            frames.add(readMasked(client));
            text(out, "40{\"sid\":\"c\"}", true, 1);
            frames.add(readMasked(client));
            text(out, "430[" + new JSONObject().put("ok", true) + "]", true, 1);
            text(out, "2", true, 1);
            frames.add(readMasked(client));
            seen.complete(frames);
            text(out, "42[\"users:updated\"]", true, 1);
            text(out, "42[\"message:new\",{\"chat_id\":206,\"user_id\":1,\"message\":\"Tết\","
                    + "\"users\":{\"user_id\":1}}]", true, 1);
            String second = "42[\"message:new\",{\"chat_id\":207,\"user_id\":31,\"message\":\"" + "x".repeat(300)
                    + "\",\"users\":{\"user_id\":31}},\"offset-1\"]";
            text(out, second.substring(0, 10), false, 1);
            text(out, second.substring(10, 200), false, 0);
            text(out, second.substring(200), true, 0);
            out.flush();
            // The readers close the connection when told to; nothing else comes.
            assertThat(in.read()).isEqualTo(-1);
        } catch (IOException | RuntimeException | AssertionError e) {
            seen.completeExceptionally(e);
            throw new IllegalStateException(e);
        }
    }

    /** An unmasked frame, as a server sends: opcode 1 (text) or 0 (continuation). */
    private static void text(OutputStream out, String payload, boolean fin, int opcode) throws IOException {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        out.write((fin ? 0x80 : 0) | opcode);
        if (bytes.length < 126) {
            out.write(bytes.length);
        } else {
            out.write(126);
            out.write(bytes.length >> 8);
            out.write(bytes.length & 0xff);
        }
        out.write(bytes);
        out.flush();
    }

    /** A client's text frame, which must be masked. */
    private static String readMasked(DataInputStream in) throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        assertThat(first).as("a final text frame").isEqualTo(0x81);
        assertThat(second & 0x80).as("masked").isEqualTo(0x80);
        int length = second & 0x7f;
        byte[] mask = in.readNBytes(4);
        byte[] payload = in.readNBytes(length);
        for (int i = 0; i < length; i++) {
            payload[i] ^= mask[i & 3];
        }
        return new String(payload, StandardCharsets.UTF_8);
    }
}
