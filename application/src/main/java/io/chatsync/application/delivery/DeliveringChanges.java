package io.chatsync.application.delivery;

import java.util.List;

/** Passes each batch from the change feed to the realtime side. */
public final class DeliveringChanges implements DeliverChangesUseCase {

    private final PublishToRealtimePort realtime;

    public DeliveringChanges(PublishToRealtimePort realtime) {
        this.realtime = realtime;
    }

    @Override
    public void deliver(List<ChatChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        realtime.publish(List.copyOf(changes));
    }
}
