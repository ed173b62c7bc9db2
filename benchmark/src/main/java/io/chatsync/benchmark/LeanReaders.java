package io.chatsync.benchmark;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * A lean load-client process: many Socket.IO v4 staff sockets over WebSocket, spoken by hand on one selector thread,
 * each noting when every {@code message:new} reaches it. It answers the commands of load-client.js ({@code connect},
 * {@code count}, {@code reset}, {@code report}, {@code close}; see there) and is driven by {@link LoadClient}.
 *
 * <p>Why: with 2,000 dashboards on the benchmark's own two cores, the official Node.js client took more CPU than
 * the node it measures (about 25 µs per delivery, 1.1 cores at 40,000 deliveries a second), and a Node.js client
 * written by hand over {@code ws} still 20 µs. In the field each dashboard is on a machine of its own. This process
 * does per frame only what no client can skip: read it off the socket, answer the heartbeat, and note the message's
 * {@code chat_id} and {@code user_id} (the payload's first two keys, docs/protocol.md) with its arrival time on the
 * clock the writer's commit times are on ({@link System#nanoTime}, CLOCK_MONOTONIC in every process).
 *
 * <p>What it speaks, as socket.io-client v4 with {@code transports: ['websocket']} does: the WebSocket upgrade of
 * {@code /socket.io/?EIO=4&transport=websocket}, Engine.IO's OPEN, a CONNECT with {@code {"token": …}}, pongs
 * ({@code 3}) to the node's pings ({@code 2}), and {@code join} with an acknowledgement for the rooms a socket
 * watches.
 */
final class LeanReaders {

    private static final byte[] EVENT = "42[\"message:new\",".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHAT_ID = "\"chat_id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USER_ID = "\"user_id\":".getBytes(StandardCharsets.US_ASCII);

    private final PrintStream out;
    private final Selector selector;
    private final Queue<Connection> toRegister = new ConcurrentLinkedQueue<>();
    private final List<Connection> connections = new ArrayList<>();
    private final Arrivals arrivals = new Arrivals();

    private LeanReaders(PrintStream out) throws IOException {
        this.out = out;
        this.selector = Selector.open();
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        LeanReaders readers = new LeanReaders(out);
        Thread loop = new Thread(readers::selectLoop, "lean-readers");
        loop.setDaemon(true);
        loop.start();
        readers.reply(new JSONObject().put("type", "ready"));
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = commands.readLine()) != null) {
            if (!line.isBlank() && !readers.command(new JSONObject(line))) {
                break;
            }
        }
        System.exit(0);
    }

    private boolean command(JSONObject command) throws Exception {
        switch (command.getString("op")) {
            case "connect" -> connect(command.getJSONArray("sockets"), command.optInt("concurrency", 50));
            case "count" -> reply(new JSONObject().put("type", "count").put("arrivals", arrivals.count()));
            case "reset" -> {
                arrivals.reset();
                reply(new JSONObject().put("type", "reset"));
            }
            case "report" -> report(Path.of(command.getString("file")));
            case "close" -> {
                for (Connection connection : connections) {
                    connection.channel.close();
                }
                reply(new JSONObject().put("type", "closed"));
                return false;
            }
            default -> reply(new JSONObject().put("type", "error").put("message", "unknown op"));
        }
        return true;
    }

    private void reply(JSONObject reply) {
        out.println(reply);
    }

    /** Opens the sockets, each through its CONNECT and joins on a pool thread, then hands it to the selector. */
    private void connect(JSONArray sockets, int concurrency) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, 16)));
        List<Future<Connection>> opening = new ArrayList<>();
        for (int i = 0; i < sockets.length(); i++) {
            JSONObject spec = sockets.getJSONObject(i);
            opening.add(pool.submit(() -> Connection.open(spec)));
        }
        pool.shutdown();
        List<String> errors = new ArrayList<>();
        int ok = 0;
        for (Future<Connection> future : opening) {
            try {
                Connection connection = future.get();
                connections.add(connection);
                toRegister.add(connection);
                ok++;
            } catch (ExecutionException e) {
                errors.add(String.valueOf(e.getCause()));
            }
        }
        selector.wakeup();
        reply(new JSONObject().put("type", "connected").put("ok", ok).put("failed", errors.size())
                .put("errors", new JSONArray(errors.subList(0, Math.min(5, errors.size())))));
    }

    private void report(Path file) throws IOException {
        arrivals.writeTo(file);
        long cpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long rss = Long.parseLong(Files.readString(Path.of("/proc/self/statm")).trim().split(" ")[1]) * 4096;
        reply(new JSONObject().put("type", "reported").put("arrivals", arrivals.count())
                .put("cpuMicros", cpuNanos / 1000).put("rssBytes", rss));
    }

    private void selectLoop() {
        try {
            while (true) {
                selector.select();
                Connection added;
                while ((added = toRegister.poll()) != null) {
                    added.channel.configureBlocking(false);
                    added.channel.register(selector, SelectionKey.OP_READ, added);
                    added.take(System.nanoTime(), arrivals);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    if (!connection.read(arrivals)) {
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            System.err.println("lean readers stopped: " + e);
            System.exit(2);
        }
    }

    /** One socket: its channel, the bytes read and not yet taken as frames, and the text message being assembled. */
    private static final class Connection {

        /** What {@link #nextPayload} returns for a close frame. */
        private static final ByteBuffer CLOSED = ByteBuffer.allocate(0);

        private final int index;
        private final SocketChannel channel;
        private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        private final ByteArrayOutputStream message = new ByteArrayOutputStream();
        private boolean assembling;

        private Connection(int index, SocketChannel channel) {
            this.index = index;
            this.channel = channel;
            in.flip();
        }

        /** Upgrades, takes Engine.IO's OPEN, sends the CONNECT and joins; blocking. */
        static Connection open(JSONObject spec) throws IOException {
            URI url = URI.create(spec.getString("url"));
            SocketChannel channel = SocketChannel.open(new InetSocketAddress(url.getHost(), url.getPort()));
            Connection connection = new Connection(spec.getInt("index"), channel);
            try {
                connection.upgrade(url);
                connection.expect("0");
                connection.send("40" + new JSONObject().put("token", spec.getString("token")));
                String answer = connection.expect("4");
                if (!answer.startsWith("40")) {
                    throw new IOException("CONNECT refused: " + answer);
                }
                JSONArray watch = spec.optJSONArray("watch");
                for (int i = 0; watch != null && i < watch.length(); i++) {
                    connection.send("42" + i + new JSONArray().put("join").put(watch.getInt(i)));
                    String ack = connection.expect("43" + i);
                    JSONObject reply = new JSONArray(ack.substring(ack.indexOf('['))).optJSONObject(0);
                    if (reply == null || !reply.optBoolean("ok")) {
                        throw new IOException("join " + watch.getInt(i) + " refused: " + ack);
                    }
                }
                return connection;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        private void upgrade(URI url) throws IOException {
            byte[] key = new byte[16];
            ThreadLocalRandom.current().nextBytes(key);
            String request = "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: " + url.getHost() + ":"
                    + url.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
            write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            StringBuilder head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                if (!in.hasRemaining()) {
                    fill();
                }
                head.append((char) in.get());
            }
            if (!head.toString().startsWith("HTTP/1.1 101")) {
                throw new IOException("no upgrade: " + head.toString().lines().findFirst().orElse(""));
            }
        }

        /** The next text message starting with {@code prefix}, answering pings on the way; blocking. */
        private String expect(String prefix) throws IOException {
            while (true) {
                String text = nextText();
                if (text == null) {
                    fill();
                } else if ("2".equals(text)) {
                    send("3");
                } else if (text.startsWith(prefix)) {
                    return text;
                }
            }
        }

        private void fill() throws IOException {
            in.compact();
            int read = channel.read(in);
            in.flip();
            if (read < 0) {
                throw new IOException("the node closed the connection");
            }
        }

        /** Reads what the socket has and takes every whole frame; false once the connection has ended. */
        boolean read(Arrivals arrivals) throws IOException {
            in.compact();
            int read;
            try {
                read = channel.read(in);
            } finally {
                in.flip();
            }
            if (read < 0) {
                channel.close();
                return false;
            }
            return take(System.nanoTime(), arrivals);
        }

        /** Takes every whole frame in the buffer: events are noted as arriving at {@code nanos}. */
        boolean take(long nanos, Arrivals arrivals) throws IOException {
            while (true) {
                ByteBuffer payload = nextPayload();
                if (payload == null) {
                    return true;
                }
                if (payload == CLOSED) {
                    channel.close();
                    return false;
                }
                if (startsWith(payload, EVENT)) {
                    arrivals.add(index, number(payload, CHAT_ID), number(payload, USER_ID), nanos);
                } else if (payload.remaining() == 1 && payload.get(payload.position()) == '2') {
                    send("3");
                }
            }
        }

        private String nextText() throws IOException {
            ByteBuffer payload = nextPayload();
            if (payload == CLOSED) {
                throw new IOException("the node closed the connection");
            }
            return payload == null ? null : StandardCharsets.UTF_8.decode(payload).toString();
        }

        /**
         * The next whole text message in the buffer (a view of it), {@link #CLOSED} for a close frame, or null when
         * the buffer holds no whole message yet. The node's frames are never masked; a fragmented message is joined.
         */
        private ByteBuffer nextPayload() throws IOException {
            while (true) {
                int start = in.position();
                if (in.remaining() < 2) {
                    return null;
                }
                int first = in.get(start) & 0xff;
                int second = in.get(start + 1) & 0xff;
                long length = second & 0x7f;
                int header = 2;
                if (length == 126) {
                    if (in.remaining() < 4) {
                        return null;
                    }
                    length = in.getShort(start + 2) & 0xffff;
                    header = 4;
                } else if (length == 127) {
                    if (in.remaining() < 10) {
                        return null;
                    }
                    length = in.getLong(start + 2);
                    header = 10;
                }
                if (length > in.capacity() - header) {
                    throw new IOException("a frame of " + length + " bytes");
                }
                if (in.remaining() < header + length) {
                    return null;
                }
                int opcode = first & 0x0f;
                boolean fin = (first & 0x80) != 0;
                ByteBuffer payload = in.slice(start + header, (int) length);
                in.position(start + header + (int) length);
                if (opcode == 8) {
                    return CLOSED;
                }
                if (opcode == 9) {
                    sendFrame(0x8A, payload);
                    continue;
                }
                if (opcode != 1 && opcode != 0) {
                    continue;
                }
                if (fin && !assembling) {
                    return payload;
                }
                assembling = !fin;
                byte[] part = new byte[payload.remaining()];
                payload.get(part);
                message.write(part);
                if (fin) {
                    ByteBuffer whole = ByteBuffer.wrap(message.toByteArray());
                    message.reset();
                    return whole;
                }
            }
        }

        void send(String text) throws IOException {
            sendFrame(0x81, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }

        /** A masked frame, as a client must send. */
        private void sendFrame(int first, ByteBuffer payload) throws IOException {
            int length = payload.remaining();
            ByteBuffer frame = ByteBuffer.allocate(14 + length);
            frame.put((byte) first);
            if (length < 126) {
                frame.put((byte) (0x80 | length));
            } else if (length < 65536) {
                frame.put((byte) (0x80 | 126)).putShort((short) length);
            } else {
                frame.put((byte) (0x80 | 127)).putLong(length);
            }
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            frame.put(mask);
            for (int i = 0; i < length; i++) {
                frame.put((byte) (payload.get(payload.position() + i) ^ mask[i & 3]));
            }
            frame.flip();
            write(frame);
        }

        private void write(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                if (channel.write(bytes) == 0) {
                    Thread.onSpinWait();
                }
            }
        }

        private static boolean startsWith(ByteBuffer payload, byte[] prefix) {
            if (payload.remaining() < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (payload.get(payload.position() + i) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        /** The digits after the first {@code key} in the payload. */
        private static int number(ByteBuffer payload, byte[] key) throws IOException {
            int end = payload.position() + payload.remaining();
            outer:
            for (int at = payload.position(); at <= end - key.length; at++) {
                for (int i = 0; i < key.length; i++) {
                    if (payload.get(at + i) != key[i]) {
                        continue outer;
                    }
                }
                int value = 0;
                for (int d = at + key.length; d < end && Character.isDigit(payload.get(d)); d++) {
                    value = value * 10 + (payload.get(d) - '0');
                }
                return value;
            }
            throw new IOException("a message:new without " + new String(key, StandardCharsets.US_ASCII));
        }
    }

    /** Every arrival noted, in growing arrays: socket, chat id, user id, nanos. */
    private static final class Arrivals {

        private int count;
        private int[] sockets = new int[1 << 16];
        private int[] chats = new int[1 << 16];
        private int[] users = new int[1 << 16];
        private long[] nanos = new long[1 << 16];

        synchronized void add(int socket, int chat, int user, long at) {
            if (count == sockets.length) {
                int capacity = 2 * count;
                sockets = Arrays.copyOf(sockets, capacity);
                chats = Arrays.copyOf(chats, capacity);
                users = Arrays.copyOf(users, capacity);
                nanos = Arrays.copyOf(nanos, capacity);
            }
            sockets[count] = socket;
            chats[count] = chat;
            users[count] = user;
            nanos[count] = at;
            count++;
        }

        synchronized int count() {
            return count;
        }

        synchronized void reset() {
            count = 0;
        }

        synchronized void writeTo(Path file) throws IOException {
            try (var lines = Files.newBufferedWriter(file)) {
                for (int i = 0; i < count; i++) {
                    lines.write(sockets[i] + "," + chats[i] + "," + users[i] + "," + nanos[i] + "\n");
                }
            }
        }
    }
}
