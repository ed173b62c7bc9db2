package io.chatsync.application.posting;

import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.MessagePosted;

/** Keeps a posted message for good. */
public interface StoreMessagePort {

    /**
     * Stores {@code posted}; with a key, at most once per author and key, even when retries race.
     *
     * @param author names the poster for idempotency ({@code student:5}, {@code staff:t-1})
     * @param key the client's idempotency key, or null
     * @return the stored message, or the one an earlier post with the same author and key stored
     * @throws UnknownStudentException when no student {@code posted.thread()} exists
     * @throws IdempotencyKeyReused when the author's key already named a post to another thread or with another body
     */
    ChatMessage store(MessagePosted posted, String author, IdempotencyKey key);
}
