package io.chatsync.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * One process of client sockets, driven line by line: Node.js with official socket.io-client sockets
 * (load-client.js), or {@link LeanReaders}.
 */
final class LoadClient implements AutoCloseable {

    /**
     * A socket this process should open.
     *
     * @param reconnect whether it reconnects by itself after a {@link #cut}, resuming its session
     */
    record Spec(int index, String url, String token, List<Integer> watch, boolean reconnect) {

        Spec(int index, String url, String token, List<Integer> watch) {
            this(index, url, token, watch, false);
        }
    }

    /**
     * A socket's cut: when its connection was destroyed, when it first tried to reconnect, when it was connected
     * again (0: not yet), and whether its session was resumed; on the System.nanoTime clock.
     */
    record Cut(int index, long cutNanos, long attemptNanos, long connectNanos, boolean recovered) {
    }

    /**
     * What the process reported: its arrivals are in {@code file}; and its own stalls since the last reset, which
     * delay the arrivals it notes: its event loop's delay, p99 and max, and its garbage collections of 20 ms or
     * more (NaN and 0 from a process without an event loop).
     */
    record Report(Path file, long cpuMicros, long rssBytes, double loopDelayP99Millis, double loopDelayMaxMillis,
            int gcPauses, double gcMaxMillis) {
    }

    private final String name;
    private final Process process;
    private final BufferedReader replies;
    private final Writer commands;

    LoadClient(String name, Path script, Path log) throws IOException {
        // --expose-gc: the script collects its garbage after each report, between phases (see load-client.js).
        this(name, List.of("node", "--expose-gc", script.toString()), log);
    }

    /** A process started with {@code command} that answers load-client.js's commands. */
    LoadClient(String name, List<String> command, Path log) throws IOException {
        this.name = name;
        this.process = new ProcessBuilder(command)
                .redirectError(log.toFile())
                .start();
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        expect("ready");
    }

    /** Opens the sockets (staff join their rooms first); fails unless every one connected. */
    void connect(List<Spec> specs, int concurrency) throws IOException {
        JSONArray sockets = new JSONArray();
        for (Spec spec : specs) {
            sockets.put(new JSONObject().put("index", spec.index()).put("url", spec.url()).put("token", spec.token())
                    .put("watch", new JSONArray(spec.watch())).put("reconnect", spec.reconnect()));
        }
        send(new JSONObject().put("op", "connect").put("sockets", sockets).put("concurrency", concurrency));
        JSONObject reply = expect("connected");
        if (reply.getInt("failed") > 0) {
            throw new IllegalStateException(name + ": " + reply.getInt("failed") + " of " + specs.size()
                    + " sockets did not connect, e.g. " + reply.getJSONArray("errors"));
        }
    }

    /**
     * Destroys the TCP connection of every socket opened with {@code reconnect}, each at a random moment within
     * {@code within}, as a network drops it; each reconnects by itself, after {@code hold} when it is positive.
     */
    void cut(Duration within, Duration hold) throws IOException {
        send(new JSONObject().put("op", "cut").put("withinMs", within.toMillis()).put("holdMs", hold.toMillis()));
        expect("cutting");
    }

    /** The last cut of every socket opened with {@code reconnect}. */
    List<Cut> cuts() throws IOException {
        send(new JSONObject().put("op", "cuts"));
        JSONArray sockets = expect("cuts").getJSONArray("sockets");
        List<Cut> cuts = new ArrayList<>();
        for (int i = 0; i < sockets.length(); i++) {
            JSONArray cut = sockets.getJSONArray(i);
            cuts.add(new Cut(cut.getInt(0), Long.parseLong(cut.getString(1)), Long.parseLong(cut.getString(2)),
                    Long.parseLong(cut.getString(3)), cut.getBoolean(4)));
        }
        return cuts;
    }

    long arrivals() throws IOException {
        send(new JSONObject().put("op", "count"));
        return expect("count").getLong("arrivals");
    }

    void reset() throws IOException {
        send(new JSONObject().put("op", "reset"));
        expect("reset");
    }

    Report report(Path file) throws IOException {
        send(new JSONObject().put("op", "report").put("file", file.toString()));
        JSONObject reply = expect("reported");
        return new Report(file, reply.getLong("cpuMicros"), reply.getLong("rssBytes"),
                reply.optDouble("loopDelayP99Ms", Double.NaN), reply.optDouble("loopDelayMaxMs", Double.NaN),
                reply.optInt("gcPausesOver20Ms", 0), reply.optDouble("gcMaxMs", 0));
    }

    /** Every arrival in a report: {@code socket,chat_id,user_id,nanos} per line. */
    static void readArrivals(Path file, Deliveries deliveries) throws IOException {
        try (BufferedReader lines = Files.newBufferedReader(file)) {
            String line;
            while ((line = lines.readLine()) != null) {
                String[] fields = line.split(",", 4);
                deliveries.arrived(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]),
                        Integer.parseInt(fields[2]), Long.parseLong(fields[3]));
            }
        }
    }

    /** The latest arrival in a report (0 for none); the file is deleted. */
    static long lastArrivalNanos(Path file) throws IOException {
        long last = 0;
        try (BufferedReader lines = Files.newBufferedReader(file)) {
            String line;
            while ((line = lines.readLine()) != null) {
                last = Math.max(last, Long.parseLong(line.split(",", 4)[3]));
            }
        }
        Files.delete(file);
        return last;
    }

    private void send(JSONObject command) throws IOException {
        commands.write(command.toString());
        commands.write('\n');
        commands.flush();
    }

    private JSONObject expect(String type) throws IOException {
        String line = replies.readLine();
        if (line == null) {
            throw new IOException(name + " ended before it answered " + type + "; see its log");
        }
        JSONObject reply = new JSONObject(line);
        if (!type.equals(reply.optString("type"))) {
            throw new IOException(name + " answered " + line + " where " + type + " was expected");
        }
        return reply;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            send(new JSONObject().put("op", "close"));
            commands.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
