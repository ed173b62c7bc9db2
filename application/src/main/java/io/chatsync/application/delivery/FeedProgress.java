package io.chatsync.application.delivery;

/**
 * How far this node's change feed has come: every change it has handed over (nothing before it starts). Kept by
 * {@link DeliveringChanges}, read by whoever replays changes up to that point.
 */
public final class FeedProgress {

    private volatile LogOffset handedOver = LogOffset.NONE;

    public LogOffset handedOver() {
        return handedOver;
    }

    void handedOver(LogOffset offset) {
        handedOver = offset;
    }
}
