package io.chatsync.application.resume;

import java.time.Duration;

/**
 * How far back a dropped client is resumed.
 *
 * @param window how long after a session was last seen, and after the offset it holds was sent, it is resumed
 * @param maxEvents the most events one resumption replays; a client that missed more is told it was not resumed
 * @param horizon how long the change log keeps every change (its retention): how old an offset may be for a
 *     catch-up over HTTP
 */
public record ResumeSettings(Duration window, int maxEvents, Duration horizon) {

    public ResumeSettings {
        if (window.isNegative() || window.isZero() || maxEvents < 1) {
            throw new IllegalArgumentException("the resume window must be positive and replay at least one event, got "
                    + window + " and " + maxEvents);
        }
        if (horizon.compareTo(window) < 0) {
            throw new IllegalArgumentException("the change log's retention (" + horizon + ") must be at least the "
                    + "resume window (" + window + "): a resumed client's missed changes are read from the log");
        }
    }
}
