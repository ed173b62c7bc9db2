package io.chatsync.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes messages straight into {@code chats}, as any backend would: one autocommitted {@code INSERT} each, from a
 * fixed number of connections, on a fixed schedule (message k is due at start + k / rate). A message's commit time
 * is when its {@code INSERT} returned; a writer that falls behind its schedule sends at once, so the achieved rate
 * says whether the database kept up.
 */
final class Writer implements AutoCloseable {

    /** What one run wrote. */
    record Written(List<Deliveries.Commit> commits, double offeredPerSecond, double achievedPerSecond,
            Latencies insertLatency) {
    }

    private static final String INSERT =
            "INSERT INTO chats (user_id, sender, message) VALUES (?, ?, ?) RETURNING chat_id";

    private final List<Connection> connections = new ArrayList<>();
    private final List<PreparedStatement> inserts = new ArrayList<>();

    /** Opens the writer's connections; they stay open across runs, so their backends' CPU time can be read. */
    Writer(String jdbcUrl, Properties properties, int connections) throws SQLException {
        Properties writer = new Properties();
        writer.putAll(properties);
        writer.setProperty("ApplicationName", "chatsync-benchmark:writer");
        for (int c = 0; c < connections; c++) {
            Connection connection = DriverManager.getConnection(jdbcUrl, writer);
            this.connections.add(connection);
            inserts.add(connection.prepareStatement(INSERT));
        }
    }

    /**
     * Writes {@code rate × duration} messages to threads drawn from {@code students}; students and staff write
     * 50/50, or students only when {@code staffToo} is false.
     */
    Written run(double rate, Duration duration, int[] students, boolean staffToo) throws InterruptedException {
        long total = Math.round(rate * duration.toMillis() / 1000.0);
        long period = Math.round(1e9 / rate);
        List<Deliveries.Commit> commits = Collections.synchronizedList(new ArrayList<>((int) total));
        Latencies insertLatency = new Latencies();
        AtomicLong next = new AtomicLong();
        AtomicReference<SQLException> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime() + 20_000_000;
        long[] lastCommit = new long[inserts.size()];
        for (int c = 0; c < inserts.size(); c++) {
            int writer = c;
            PreparedStatement insert = inserts.get(c);
            Thread thread = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(writer * 7919L + total);
                Latencies mine = new Latencies();
                try {
                    long k;
                    while ((k = next.getAndIncrement()) < total) {
                        int student = students[random.nextInt(students.length)];
                        boolean fromStudent = !staffToo || (k & 1) == 0;
                        insert.setInt(1, student);
                        insert.setString(2, fromStudent ? "student" : "teacher");
                        insert.setString(3, "Benchmark message " + k + ": a line about this week's homework.");
                        long due = start + k * period;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        long sent = System.nanoTime();
                        int chatId;
                        try (ResultSet row = insert.executeQuery()) {
                            row.next();
                            chatId = row.getInt(1);
                        }
                        long committed = System.nanoTime();
                        mine.add(committed - sent);
                        lastCommit[writer] = committed;
                        commits.add(new Deliveries.Commit(chatId, student, fromStudent, due, sent, committed));
                    }
                } catch (SQLException e) {
                    failure.compareAndSet(null, e);
                }
                synchronized (insertLatency) {
                    insertLatency.addAll(mine);
                }
            }, "benchmark-writer-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the writer failed: " + failure.get().getMessage(), failure.get());
        }
        long end = 0;
        for (long last : lastCommit) {
            end = Math.max(end, last);
        }
        double achieved = commits.size() / ((end - start) / 1e9);
        return new Written(List.copyOf(commits), rate, achieved, insertLatency);
    }

    @Override
    public void close() throws SQLException {
        for (Connection connection : connections) {
            connection.close();
        }
    }
}
