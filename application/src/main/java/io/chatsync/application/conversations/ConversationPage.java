package io.chatsync.application.conversations;

import io.chatsync.domain.message.ChatId;
import java.util.List;
import java.util.Optional;

/**
 * @param conversations newest activity first
 * @param nextBefore the cursor of the next page, or empty at the end
 */
public record ConversationPage(List<Conversation> conversations, Optional<ChatId> nextBefore) {

    public ConversationPage {
        conversations = List.copyOf(conversations);
    }
}
