package io.chatsync.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A raw Engine.IO WebSocket that notes when the node closes it. It reads everything the node sends, or, opened with
 * {@link #openUntilConnected}, stops reading once its CONNECT is answered, as a client that has stopped reading.
 */
final class RawWebSocket implements WebSocket.Listener {

    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final boolean readsOn;
    private WebSocket socket;

    private RawWebSocket(boolean readsOn) {
        this.readsOn = readsOn;
    }

    static RawWebSocket open(HttpClient http, String url) throws IOException, InterruptedException {
        return open(http, url, true);
    }

    /** A socket that takes frames one at a time until the CONNECT's answer ("40…"), and then none. */
    static RawWebSocket openUntilConnected(HttpClient http, String url) throws IOException, InterruptedException {
        return open(http, url, false);
    }

    private static RawWebSocket open(HttpClient http, String url, boolean readsOn)
            throws IOException, InterruptedException {
        RawWebSocket ws = new RawWebSocket(readsOn);
        try {
            ws.socket = http.newWebSocketBuilder().buildAsync(URI.create(url), ws).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("could not open a WebSocket to " + url, e);
        }
        return ws;
    }

    void send(String text) throws IOException, InterruptedException {
        await(socket.sendText(text, true));
    }

    void sendBinary(byte[] bytes) throws IOException, InterruptedException {
        await(socket.sendBinary(ByteBuffer.wrap(bytes), true));
    }

    private static void await(CompletableFuture<WebSocket> sending) throws IOException, InterruptedException {
        try {
            sending.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the node did not take the frame", e);
        }
    }

    void awaitFrame(String prefix, long end) throws IOException, InterruptedException {
        while (frames.stream().noneMatch(frame -> frame.startsWith(prefix))) {
            if (closed.isDone() || System.nanoTime() >= end) {
                throw new IOException("no frame " + prefix + " before the connection ended");
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    /** Waits for the node to close the connection; false (and the connection dropped) when time ran out. */
    boolean awaitClosed(long end) throws InterruptedException {
        try {
            closed.get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            abort();
            return false;
        }
    }

    void abort() {
        socket.abort();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(readsOn ? Long.MAX_VALUE : 1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (frames.size() < 16) {
            frames.add(data.toString());
        }
        if (!readsOn && !data.toString().startsWith("40")) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }
}
