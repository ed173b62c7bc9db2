package io.chatsync.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * The ceiling of the design on this machine: pgbench inserting into {@code chats} through a trigger that notifies,
 * with one connection listening and reading every notification, as the legacy backends do. Nothing else runs.
 */
final class Ceiling {

    /** The legacy design's table and trigger: each insert notifies, nothing more. */
    static final String LEGACY_SCHEMA = """
            CREATE TABLE users (user_id serial PRIMARY KEY, full_name varchar(255), avatar_url text);
            CREATE TABLE chats (
                chat_id serial PRIMARY KEY,
                user_id integer NOT NULL REFERENCES users (user_id),
                sender varchar(20) NOT NULL CHECK (sender IN ('student', 'teacher')),
                message text NOT NULL,
                read_by_student boolean NOT NULL DEFAULT false,
                read_by_teacher boolean NOT NULL DEFAULT false,
                created_at timestamptz NOT NULL DEFAULT now());
            CREATE FUNCTION notify_chat_message() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('chat_messages', json_build_object(
                    'chat_id', NEW.chat_id, 'user_id', NEW.user_id, 'sender', NEW.sender)::text);
                RETURN NULL;
            END $$;
            CREATE TRIGGER chat_message_inserted AFTER INSERT ON chats
                FOR EACH ROW EXECUTE FUNCTION notify_chat_message();
            INSERT INTO users (full_name) SELECT 'Student ' || n FROM generate_series(1, 200) AS n;
            """;

    static final String PGBENCH_SCRIPT = """
            \\set student random(1, 200)
            INSERT INTO chats (user_id, sender, message) VALUES (:student, 'student', 'pgbench message: a line about this week''s homework.');
            """;

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    /**
     * One pgbench run: its clients, the inserts per second they committed, and where the machine's CPU went
     * meanwhile (cores: PostgreSQL's processes, pgbench, and what no process used).
     */
    record Run(int clients, double insertsPerSecond, long notificationsRead, double postgresCores,
            double pgbenchCores, double idleCores) {

        /** PostgreSQL's CPU time per insert, in milliseconds. */
        double postgresMillisPerInsert() {
            return postgresCores * 1000 / insertsPerSecond;
        }
    }

    private Ceiling() {
    }

    /** Whether pgbench is on this machine's PATH. */
    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "pgbench"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * pgbench with {@code clients} clients for {@code duration} on {@code database}, with a listener of its own
     * reading when {@code listen} (the ceiling), or with whatever listens already (chatsync's nodes).
     */
    static Run measure(Database database, int clients, Duration duration, Path workDir, boolean listen)
            throws IOException, InterruptedException, SQLException {
        Path script = workDir.resolve("insert-chat.sql");
        Files.writeString(script, PGBENCH_SCRIPT);
        database.execute("CHECKPOINT");
        try (Listener listener = listen ? new Listener(database) : null) {
            List<String> command = new ArrayList<>(List.of("pgbench", "--no-vacuum", "--protocol=prepared",
                    "--client=" + clients, "--jobs=" + Math.min(clients, 2), "--time=" + duration.toSeconds(),
                    "--file=" + script, "--host=" + database.host(), "--port=" + database.port(),
                    "--username=" + database.user(), database.name()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PGAPPNAME", "chatsync-benchmark:pgbench");
            Set<Long> backends = ProcessCpu.pidsOf("postgres");
            long postgres = ProcessCpu.ofCommand("postgres");
            long children = ProcessCpu.ofEndedChildren();
            long idle = ProcessCpu.idleOfMachine();
            long start = System.nanoTime();
            Process pgbench = builder.start();
            String output = new String(pgbench.getInputStream().readAllBytes());
            if (pgbench.waitFor() != 0) {
                throw new IOException("pgbench failed: " + output);
            }
            double wall = System.nanoTime() - start;
            // Its backends end after it does; one reaped while the sum below is taken would be counted nowhere.
            ProcessCpu.awaitGone("postgres", backends, Duration.ofSeconds(5));
            double postgresCores = (ProcessCpu.ofCommand("postgres") - postgres) / wall;
            double pgbenchCores = (ProcessCpu.ofEndedChildren() - children) / wall;
            double idleCores = (ProcessCpu.idleOfMachine() - idle) / wall;
            Matcher tps = TPS.matcher(output);
            if (!tps.find()) {
                throw new IOException("pgbench printed no tps: " + output);
            }
            return new Run(clients, Double.parseDouble(tps.group(1)), listener == null ? -1 : listener.read(),
                    postgresCores, pgbenchCores, idleCores);
        }
    }

    /** A connection that LISTENs and reads every notification, as a legacy backend does. */
    private static final class Listener implements AutoCloseable {

        private final Connection connection;
        private final Thread thread;
        private final AtomicLong read = new AtomicLong();
        private volatile boolean running = true;
        private volatile SQLException failure;

        Listener(Database database) throws SQLException {
            Properties properties = database.properties();
            properties.setProperty("ApplicationName", "chatsync-benchmark:listener");
            connection = DriverManager.getConnection(database.jdbcUrl(), properties);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN chat_messages");
            }
            PGConnection notifications = connection.unwrap(PGConnection.class);
            thread = new Thread(() -> {
                try {
                    while (running) {
                        var received = notifications.getNotifications(200);
                        read.addAndGet(received == null ? 0 : received.length);
                    }
                } catch (SQLException e) {
                    failure = e;
                }
            }, "ceiling-listener");
            thread.start();
        }

        long read() {
            return read.get();
        }

        @Override
        public void close() throws SQLException, InterruptedException {
            running = false;
            thread.join();
            connection.close();
            if (failure != null) {
                throw failure;
            }
        }
    }
}
