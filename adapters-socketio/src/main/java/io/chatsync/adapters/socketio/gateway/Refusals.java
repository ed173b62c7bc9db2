package io.chatsync.adapters.socketio.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every connection, frame or event the gateways refuse: counted in {@code chatsync.socketio.refused} by reason,
 * and logged at most once per reason and interval with the number left unlogged, so an attack cannot flood the log.
 */
public final class Refusals {

    private static final Logger log = LoggerFactory.getLogger(Refusals.class);
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final MeterRegistry meters;
    private final Map<String, Reason> reasons = new ConcurrentHashMap<>();

    public Refusals(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * @param reason a fixed, metric-friendly name ({@code binary-packet}); never client input
     * @param detail what was refused and from whom; client input in it is escaped here
     */
    public void refused(String reason, String detail) {
        Reason counted = reasons.computeIfAbsent(reason, this::register);
        counted.counter.increment();
        long now = System.nanoTime();
        long last = counted.lastLogged.get();
        if (now - last >= LOG_INTERVAL_NANOS && counted.lastLogged.compareAndSet(last, now)) {
            long unlogged = counted.unlogged.getAndSet(0);
            if (unlogged > 0) {
                log.warn("Refused ({}): {} ({} more of this reason since the last such line)", reason,
                        escape(detail), unlogged);
            } else {
                log.warn("Refused ({}): {}", reason, escape(detail));
            }
        } else {
            counted.unlogged.incrementAndGet();
        }
    }

    public double count(String reason) {
        Reason counted = reasons.get(reason);
        return counted == null ? 0 : counted.counter.count();
    }

    private Reason register(String reason) {
        return new Reason(Counter.builder("chatsync.socketio.refused").tag("reason", reason)
                .description("Connections, frames and events refused by the Socket.IO gateways").register(meters));
    }

    /** Client text in a log line: control characters escaped, at most 200 characters. */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(Math.min(text.length(), 200) + 8);
        for (int i = 0; i < text.length() && escaped.length() < 200; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        if (escaped.length() >= 200 && text.length() > 200) {
            escaped.append('…');
        }
        return escaped.toString();
    }

    private static final class Reason {
        final Counter counter;
        final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
        final AtomicLong unlogged = new AtomicLong();

        Reason(Counter counter) {
            this.counter = counter;
        }
    }
}
