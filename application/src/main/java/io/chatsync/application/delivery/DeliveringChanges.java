package io.chatsync.application.delivery;

import java.util.List;

/** Passes each batch from the change feed to every realtime side the node runs (none, one gateway, or more). */
public final class DeliveringChanges implements DeliverChangesUseCase {

    private final List<PublishToRealtimePort> realtime;
    private final FeedProgress progress;

    public DeliveringChanges(List<PublishToRealtimePort> realtime, FeedProgress progress) {
        this.realtime = List.copyOf(realtime);
        this.progress = progress;
    }

    @Override
    public void deliver(List<ChatChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<ChatChange> batch = List.copyOf(changes);
        for (PublishToRealtimePort side : realtime) {
            side.publish(batch);
        }
    }

    @Override
    public void handedOver(LogOffset handedOver) {
        for (PublishToRealtimePort side : realtime) {
            side.handedOver(handedOver);
        }
        progress.handedOver(handedOver);
    }
}
