package io.chatsync.application.limits;

import io.chatsync.application.posting.PostMessageCommand;
import io.chatsync.application.posting.PostMessageUseCase;
import io.chatsync.domain.message.ChatMessage;

/** Posting within the author's allowance: over it, {@link RateLimitExceeded} and nothing is stored. */
public final class LimitedPosting implements PostMessageUseCase {

    private final PostMessageUseCase posting;
    private final ActionLimits limits;

    public LimitedPosting(PostMessageUseCase posting, ActionLimits limits) {
        this.posting = posting;
        this.limits = limits;
    }

    @Override
    public ChatMessage post(PostMessageCommand command) {
        limits.take(command.author(), LimitedAction.POST);
        return posting.post(command);
    }
}
