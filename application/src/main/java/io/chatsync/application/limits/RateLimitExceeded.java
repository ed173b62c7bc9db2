package io.chatsync.application.limits;

import java.time.Duration;

/** A user acted more often than their allowance; nothing was done. */
public final class RateLimitExceeded extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final LimitedAction action;
    private final transient Duration retryAfter;

    public RateLimitExceeded(LimitedAction action, Duration retryAfter) {
        super("too many " + action.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + " requests; try again in " + Math.max(1, retryAfter.toMillis()) + " ms");
        this.action = action;
        this.retryAfter = retryAfter;
    }

    public LimitedAction action() {
        return action;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
