package io.chatsync.adapters.postgres.feed;

/** Where a node's change feed stands; only {@link #LISTENING} is ready. */
public enum ChangeFeedState {
    /** Not started, or stopped. */
    STOPPED,
    /** Connecting, or waiting to connect again after a failure. */
    CONNECTING,
    /** Connected and reading what was committed since the cursor. */
    CATCHING_UP,
    /** Up to date: waiting for notifications, or, while commits keep coming, reading on a schedule. */
    LISTENING,
    /**
     * Given up: its thread failed with an error (such as {@link OutOfMemoryError}) again and again, and delivers
     * nothing until the node restarts. Liveness reports it, so the node is restarted.
     */
    FAILED
}
