package io.chatsync.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * One kind of HTTP read a dashboard or the app makes, sent at a fixed pace as dashboards do (each fetches its list
 * after a {@code users:updated}, at most ten times a second), not one request after another. Each request is timed
 * from when it was due, so a request held up by the one before it counts the wait too. The request is made on the
 * calling thread with a blocking, kept-alive connection: the client adds no hand-over between threads of its own.
 */
final class PacedReads {

    private final String name;
    private final double perSecond;
    private final IntFunction<String> url;
    private final IntFunction<String> token;
    private final int expectedStatus;

    /**
     * {@code url} and {@code token} are given a random student's id (1 to the number of students); an empty token
     * sends none. Every answer must have {@code expectedStatus}.
     */
    PacedReads(String name, double perSecond, IntFunction<String> url, IntFunction<String> token,
            int expectedStatus) {
        this.name = name;
        this.perSecond = perSecond;
        this.url = url;
        this.token = token;
        this.expectedStatus = expectedStatus;
    }

    String name() {
        return name;
    }

    /** One request now, for a random student; how long it took, in nanoseconds. */
    long once(int students) throws IOException {
        int student = 1 + ThreadLocalRandom.current().nextInt(students);
        String address = url.apply(student);
        String bearer = token.apply(student);
        long start = System.nanoTime();
        get(address, bearer);
        return System.nanoTime() - start;
    }

    /**
     * Sends {@code perSecond} requests a second for {@code length}, the first {@code shift} of a period (0 to 1) in;
     * each latency runs from when the request was due.
     */
    Latencies run(int students, Duration length, double shift) throws IOException {
        Latencies latencies = new Latencies();
        long period = Math.round(1e9 / perSecond);
        long count = length.toNanos() / period;
        long start = System.nanoTime() + Math.round(shift * period);
        for (long i = 0; i < count; i++) {
            int student = 1 + ThreadLocalRandom.current().nextInt(students);
            String address = url.apply(student);
            String bearer = token.apply(student);
            long due = start + i * period;
            // Pacing, not synchronisation: wait for this request's moment.
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            get(address, bearer);
            latencies.add(System.nanoTime() - due);
        }
        return latencies;
    }

    private void get(String address, String bearer) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(address).toURL().openConnection();
        connection.setConnectTimeout(30_000);
        connection.setReadTimeout(30_000);
        if (!bearer.isEmpty()) {
            connection.setRequestProperty("Authorization", "Bearer " + bearer);
        }
        int status = connection.getResponseCode();
        // Read to the end, so the connection goes back to be kept alive for the next request.
        try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
            if (status != expectedStatus) {
                throw new IllegalStateException(address + " answered " + status + ": "
                        + new String(bytes, StandardCharsets.UTF_8));
            }
        }
    }
}
