package io.chatsync.application.delivery;

import java.util.List;

/** Sends committed changes to the connected clients entitled to them. */
public interface PublishToRealtimePort {

    /** @param changes in ascending position order */
    void publish(List<ChatChange> changes);
}
