package io.chatsync.application.limits;

import io.chatsync.domain.thread.Participant;

/** Whether a user may act once more now; each call that returns takes one from their allowance. */
@FunctionalInterface
public interface ActionLimits {

    /** Lets everyone do everything; for tests of other things. */
    ActionLimits NONE = (who, action) -> { };

    /** @throws RateLimitExceeded when {@code who} has used up their allowance for {@code action}; nothing is taken */
    void take(Participant who, LimitedAction action);
}
