package io.chatsync.application.history;

import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.ChatMessage;
import java.util.List;
import java.util.Optional;

/**
 * One page of a thread, newest first.
 *
 * @param messages at most the page size, newest first
 * @param nextBefore the cursor for the next older page, or empty when this page reaches the thread's start
 */
public record HistoryPage(List<ChatMessage> messages, Optional<ChatId> nextBefore) {

    public HistoryPage {
        messages = List.copyOf(messages);
    }
}
