package io.chatsync.application.delivery;

import java.util.List;

/** Takes committed changes from the change feed, in commit order, each exactly once. */
public interface DeliverChangesUseCase {

    /** @param changes in ascending position order; never empty */
    void deliver(List<ChatChange> changes);
}
