package io.chatsync.adapters.socketio.outbound;

import io.chatsync.domain.message.StudentId;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When {@code users:updated} goes out. The event only says "refresh the conversation list", so a dashboard needs
 * it once after the changes it has not seen, not once per batch: the first change after a quiet {@code interval} is
 * announced at once; the threads that change within the interval after an announcement are announced together at
 * its end. So no socket gets more than one {@code users:updated} per interval, and every change is followed by
 * one, never more than an interval late.
 *
 * <p>Each announcement comes after the changes it covers were handed to their sockets, so on any socket it
 * follows their {@code message:new} and {@code message:read}.
 */
final class ListUpdates {

    private static final Logger log = LoggerFactory.getLogger(ListUpdates.class);

    /** Runs a task once after a delay, on a thread of its own. */
    interface Timer {
        void schedule(Runnable task, Duration delay);
    }

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Timer timer;
    private final Consumer<Set<StudentId>> announce;
    private Set<StudentId> pending = new LinkedHashSet<>();
    private boolean scheduled;
    private long lastAnnounced;

    /**
     * @param interval the shortest time between two announcements; zero announces every batch at once
     * @param announce sends {@code users:updated} to whoever's conversation list the given threads changed
     */
    ListUpdates(Duration interval, LongSupplier nanoClock, Timer timer, Consumer<Set<StudentId>> announce) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the users:updated interval is not negative, got " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.timer = timer;
        this.announce = announce;
        this.lastAnnounced = nanoClock.getAsLong() - intervalNanos;
    }

    /** The conversation lists of these threads' student and of staff changed. */
    synchronized void changed(Collection<StudentId> threads) {
        if (threads.isEmpty()) {
            return;
        }
        pending.addAll(threads);
        if (scheduled) {
            return;
        }
        long wait = lastAnnounced + intervalNanos - nanoClock.getAsLong();
        if (wait <= 0) {
            announcePending();
        } else {
            scheduled = true;
            timer.schedule(this::announceScheduled, Duration.ofNanos(wait));
        }
    }

    private synchronized void announceScheduled() {
        scheduled = false;
        try {
            announcePending();
        } catch (RuntimeException e) {
            // On the timer's thread nobody else would hear of it; the next change is announced as usual.
            log.error("Could not send users:updated to the sockets whose conversation lists changed", e);
        }
    }

    private void announcePending() {
        Set<StudentId> threads = pending;
        pending = new LinkedHashSet<>();
        lastAnnounced = nanoClock.getAsLong();
        announce.accept(threads);
    }
}
