package io.chatsync.application.posting;

import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.MessagePosted;
import io.chatsync.domain.thread.Participant;
import org.jspecify.annotations.Nullable;

/** Keeps a posted message for good. */
public interface StoreMessagePort {

    /**
     * Stores {@code posted}; with a key, at most once per author and key, even when retries race.
     *
     * @param author who posted it: a key counts only for posts of the same participant
     * @param key the client's idempotency key, if it sent one
     * @return the stored message, or the one an earlier post with the same author and key stored
     * @throws UnknownStudentException when no student {@code posted.thread()} exists
     * @throws IdempotencyKeyReused when the author's key already named a post to another thread or with another body
     */
    ChatMessage store(MessagePosted posted, Participant author, @Nullable IdempotencyKey key);
}
