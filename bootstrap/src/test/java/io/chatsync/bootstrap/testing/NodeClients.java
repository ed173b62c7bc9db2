package io.chatsync.bootstrap.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * One Node.js process running the official {@code socket.io-client} v4 ({@code src/test/node/client.js}), driving
 * any number of named sockets; everything they see is kept, in order.
 */
public final class NodeClients implements AutoCloseable {

    private final Process process;
    private final Writer commands;
    private final List<JSONObject> seen = new ArrayList<>();
    private final AtomicInteger acks = new AtomicInteger();
    private final Thread reader;

    public NodeClients() throws IOException {
        process = new ProcessBuilder("node", "client.js")
                .directory(Path.of("src/test/node").toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        reader = new Thread(this::read, "node-client-reader");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> !matching(r -> "ready".equals(r.optString("type"))).isEmpty());
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                JSONObject record = new JSONObject(line);
                synchronized (seen) {
                    seen.add(record);
                }
            }
        } catch (IOException e) {
            synchronized (seen) {
                seen.add(new JSONObject().put("type", "reader-failed").put("message", e.getMessage()));
            }
        }
    }

    /** Connects socket {@code name}; does not wait. */
    public void connect(String name, String url, Map<String, Object> options) {
        JSONObject command = new JSONObject(options).put("op", "connect").put("name", name).put("url", url);
        send(command);
    }

    public void connectWithToken(String name, String url, String token) {
        connect(name, url, Map.of("auth", Map.of("token", token), "transports", List.of("websocket")));
    }

    public JSONObject awaitConnected(String name) {
        return awaitRecord(name, record -> "connect".equals(record.optString("type")));
    }

    /** Emits with an acknowledgement and waits for it; returns the ack's first argument. */
    public JSONObject emitWithAck(String name, String event, Object payload) {
        int id = acks.incrementAndGet();
        JSONArray args = new JSONArray();
        if (payload != null) {
            args.put(payload);
        }
        send(new JSONObject().put("op", "emit").put("name", name).put("event", event).put("args", args).put("ack", id));
        JSONObject ack = awaitRecord(name, record -> "ack".equals(record.optString("type")) && record.optInt("ack") == id);
        return ack.getJSONArray("args").getJSONObject(0);
    }

    /** Emits with an acknowledgement without waiting for it. */
    public void emitWithAckNoWait(String name, String event, Object payload) {
        int id = acks.incrementAndGet();
        send(new JSONObject().put("op", "emit").put("name", name).put("event", event)
                .put("args", new JSONArray().put(payload)).put("ack", id));
    }

    /** The {@code auth} socket {@code name} sends when it next reconnects. */
    public void auth(String name, Map<String, Object> auth) {
        send(new JSONObject().put("op", "auth").put("name", name).put("auth", new JSONObject(auth)));
    }

    public void disconnect(String name) {
        send(new JSONObject().put("op", "disconnect").put("name", name));
    }

    public JSONObject awaitRecord(String name, Predicate<JSONObject> condition) {
        Predicate<JSONObject> own = record -> name.equals(record.optString("name")) && condition.test(record);
        await().atMost(Duration.ofSeconds(20)).until(() -> !matching(own).isEmpty());
        return matching(own).get(0);
    }

    /** The events of one name that socket {@code name} received. */
    public List<JSONObject> events(String name, String event) {
        return matching(record -> name.equals(record.optString("name")) && "event".equals(record.optString("type"))
                && event.equals(record.optString("event")));
    }

    public List<JSONObject> matching(Predicate<JSONObject> condition) {
        synchronized (seen) {
            return seen.stream().filter(condition).toList();
        }
    }

    private synchronized void send(JSONObject command) {
        try {
            commands.write(command.toString());
            commands.write('\n');
            commands.flush();
        } catch (IOException e) {
            throw new IllegalStateException("the Node client process is gone", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
