package io.chatsync.application.history;

import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.StudentId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads a thread's stored messages by id, newest first. */
public interface LoadThreadHistoryPort {

    /**
     * @param before only ids smaller than this; none for the newest
     * @param limit at most this many
     */
    List<ChatMessage> loadNewestFirst(StudentId thread, @Nullable ChatId before, int limit);
}
