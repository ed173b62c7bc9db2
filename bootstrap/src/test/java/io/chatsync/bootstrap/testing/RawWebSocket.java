package io.chatsync.bootstrap.testing;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** An Engine.IO WebSocket below any Socket.IO client: sends what an attacker would, records what comes back. */
public final class RawWebSocket implements AutoCloseable {

    /** The close code when the connection ended without a close frame. */
    public static final int ABORTED = -1;

    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private RawWebSocket(String httpUrl, Map<String, String> headers) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(builder::header);
        socket = builder
                .buildAsync(URI.create(httpUrl.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                                frames.add(data.toString());
                                webSocket.request(1);
                                return null;
                            }

                            @Override
                            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                                closed.complete(statusCode);
                                return null;
                            }

                            @Override
                            public void onError(WebSocket webSocket, Throwable error) {
                                closed.complete(ABORTED);
                            }
                        })
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    public static RawWebSocket open(String httpUrl) {
        return new RawWebSocket(httpUrl, Map.of());
    }

    /** With these headers on the handshake. */
    public static RawWebSocket open(String httpUrl, Map<String, String> headers) {
        return new RawWebSocket(httpUrl, headers);
    }

    public RawWebSocket send(String text) {
        socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
        return this;
    }

    /** Sends without waiting: the server may close the connection while the frame is still going out. */
    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true);
    }

    /** The first frame starting with {@code prefix}, waiting for it up to ten seconds. */
    public String awaitFrame(String prefix) {
        await().atMost(Duration.ofSeconds(10)).until(() -> frames.stream().anyMatch(f -> f.startsWith(prefix)));
        return frames.stream().filter(f -> f.startsWith(prefix)).findFirst().orElseThrow();
    }

    /** Connects to the main namespace with {@code token}, and waits for the server's CONNECT. */
    public RawWebSocket connect(String token) {
        awaitFrame("0{");
        send("40{\"token\":\"" + token + "\"}");
        awaitFrame("40");
        return this;
    }

    public List<String> frames() {
        return List.copyOf(frames);
    }

    /** The close code, once the server closed the connection, waiting up to {@code within}. */
    public int awaitClosed(Duration within) {
        return closed.orTimeout(within.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
