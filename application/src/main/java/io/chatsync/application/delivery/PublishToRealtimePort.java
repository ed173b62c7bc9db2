package io.chatsync.application.delivery;

import java.util.List;

/** Sends committed changes to the connected clients entitled to them. */
public interface PublishToRealtimePort {

    /** @param changes in ascending position order */
    void publish(List<ChatChange> changes);

    /** Every change in {@code handedOver} has been passed to {@link #publish}; where a new client's session begins. */
    default void handedOver(LogOffset handedOver) {
    }
}
