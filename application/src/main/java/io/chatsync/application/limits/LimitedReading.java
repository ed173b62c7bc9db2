package io.chatsync.application.limits;

import io.chatsync.application.reading.MarkThreadReadCommand;
import io.chatsync.application.reading.MarkThreadReadUseCase;
import io.chatsync.application.reading.ThreadMarkedRead;

/** Marking read within the reader's allowance: over it, {@link RateLimitExceeded} and nothing is marked. */
public final class LimitedReading implements MarkThreadReadUseCase {

    private final MarkThreadReadUseCase reading;
    private final ActionLimits limits;

    public LimitedReading(MarkThreadReadUseCase reading, ActionLimits limits) {
        this.reading = reading;
        this.limits = limits;
    }

    @Override
    public ThreadMarkedRead markRead(MarkThreadReadCommand command) {
        limits.take(command.reader(), LimitedAction.MARK_READ);
        return reading.markRead(command);
    }
}
