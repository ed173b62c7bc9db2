package io.chatsync.application.conversations;

import io.chatsync.domain.message.ChatId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads one row per student thread, ordered by its newest message id, descending. */
public interface LoadConversationsPort {

    /**
     * @param before only threads whose newest message id is smaller; none for the newest
     * @param limit at most this many
     */
    List<Conversation> loadByNewestActivity(@Nullable ChatId before, int limit);
}
