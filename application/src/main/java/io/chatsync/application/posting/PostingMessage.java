package io.chatsync.application.posting;

import io.chatsync.domain.message.BodyPolicy;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.MessageBody;
import io.chatsync.domain.message.MessagePosted;
import io.chatsync.domain.thread.ChatThread;
import java.time.Clock;

/** Checks the body and the author's right to post, then stores the message (once per idempotency key). */
public final class PostingMessage implements PostMessageUseCase {

    private final StoreMessagePort store;
    private final BodyPolicy bodyPolicy;
    private final Clock clock;

    public PostingMessage(StoreMessagePort store, BodyPolicy bodyPolicy, Clock clock) {
        this.store = store;
        this.bodyPolicy = bodyPolicy;
        this.clock = clock;
    }

    @Override
    public ChatMessage post(PostMessageCommand command) {
        ChatThread thread = new ChatThread(command.thread(), command.author());
        MessageBody body = bodyPolicy.accept(command.body());
        MessagePosted posted = thread.post(body, command.claimedSender(), clock);
        return store.store(posted, command.author(), command.idempotencyKey());
    }
}
