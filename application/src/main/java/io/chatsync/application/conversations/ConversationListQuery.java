package io.chatsync.application.conversations;

import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.thread.Participant;
import org.jspecify.annotations.Nullable;

/**
 * A page of the staff conversation list.
 *
 * @param viewer must be staff
 * @param before only threads whose newest message id is smaller; none for the first page
 * @param pageSize from 1 to {@link #MAX_PAGE_SIZE}
 */
public record ConversationListQuery(Participant viewer, @Nullable ChatId before, int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 200;

    public ConversationListQuery {
        if (viewer == null) {
            throw new IllegalArgumentException("a conversation list has a viewer");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException(
                    "page size must be between 1 and " + MAX_PAGE_SIZE + ", got " + pageSize);
        }
    }
}
