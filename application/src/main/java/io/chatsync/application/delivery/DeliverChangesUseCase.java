package io.chatsync.application.delivery;

import java.util.List;

/**
 * Takes committed changes from the change feed, each exactly once, and each after every change that was committed
 * before its own transaction began; changes of one message come in the order they were committed.
 */
public interface DeliverChangesUseCase {

    /** @param changes in ascending position order; never empty */
    void deliver(List<ChatChange> changes);
}
