package io.chatsync.application.delivery;

import java.util.List;

/**
 * Takes committed changes from the change feed, each exactly once, and each after every change that was committed
 * before its own transaction began; changes of one message come in the order they were committed.
 */
public interface DeliverChangesUseCase {

    /** @param changes in ascending position order; never empty */
    void deliver(List<ChatChange> changes);

    /**
     * The feed has handed over every change in {@code handedOver}: where it started, and where each read left it.
     */
    default void handedOver(LogOffset handedOver) {
    }
}
