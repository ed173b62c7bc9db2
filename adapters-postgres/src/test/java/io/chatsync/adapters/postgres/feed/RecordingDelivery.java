package io.chatsync.adapters.postgres.feed;

import io.chatsync.adapters.postgres.store.ChatRowReader;
import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.delivery.DeliverChangesUseCase;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** Keeps every change a feed hands over, in hand-over order. */
final class RecordingDelivery implements DeliverChangesUseCase {

    /** How the tests' feeds read rows: {@code timestamp} and {@code date} columns in UTC. */
    static final ChatRowReader ROWS = new ChatRowReader(ZoneOffset.UTC);

    private final List<ChatChange> received = new ArrayList<>();
    private volatile long handOverNanos;

    @Override
    public void deliver(List<ChatChange> changes) {
        // The work of a node that hands each batch to many sockets on a busy machine, when one was set.
        long end = System.nanoTime() + handOverNanos;
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(end - System.nanoTime());
        }
        synchronized (this) {
            received.addAll(changes);
        }
    }

    /** From now on, every hand-over takes at least {@code time}. */
    void takesAtLeast(Duration time) {
        handOverNanos = time.toNanos();
    }

    synchronized List<ChatChange> received() {
        return List.copyOf(received);
    }

    synchronized int count() {
        return received.size();
    }

    synchronized List<Long> positions() {
        return received.stream().map(change -> change.position().value()).toList();
    }

    synchronized List<ChatChange.MessageAdded> messages() {
        return received.stream()
                .filter(ChatChange.MessageAdded.class::isInstance)
                .map(ChatChange.MessageAdded.class::cast)
                .toList();
    }

    synchronized List<ChatChange.ReadFlagsChanged> reads() {
        List<ChatChange.ReadFlagsChanged> reads = new ArrayList<>();
        for (ChatChange change : received) {
            if (change instanceof ChatChange.ReadFlagsChanged read) {
                reads.add(read);
            }
        }
        return reads;
    }
}
