package io.chatsync.adapters.postgres.feed;

import io.chatsync.adapters.postgres.store.ChatRowReader;
import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.delivery.DeliverChangesUseCase;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Keeps every change a feed hands over, in hand-over order. */
final class RecordingDelivery implements DeliverChangesUseCase {

    /** How the tests' feeds read rows: {@code timestamp} and {@code date} columns in UTC. */
    static final ChatRowReader ROWS = new ChatRowReader(ZoneOffset.UTC);

    private final List<ChatChange> received = new ArrayList<>();

    @Override
    public synchronized void deliver(List<ChatChange> changes) {
        received.addAll(changes);
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
