package io.chatsync.application.resume;

import java.time.Duration;

/**
 * How far back a dropped client is resumed.
 *
 * @param window how long after a session was last seen, and after the offset it holds was sent, it is resumed
 * @param maxEvents the most events one resumption replays; a client that missed more is told it was not resumed
 */
public record ResumeSettings(Duration window, int maxEvents) {

    public ResumeSettings {
        if (window.isNegative() || window.isZero() || maxEvents < 1) {
            throw new IllegalArgumentException("the resume window is positive and at least one event is replayed, got "
                    + window + " and " + maxEvents);
        }
    }

    public static ResumeSettings defaults() {
        return new ResumeSettings(Duration.ofMinutes(2), 1_000);
    }
}
