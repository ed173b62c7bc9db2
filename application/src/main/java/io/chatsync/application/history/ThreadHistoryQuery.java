package io.chatsync.application.history;

import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import org.jspecify.annotations.Nullable;

/**
 * A page of {@code thread}'s messages older than {@code before}, newest first.
 *
 * @param viewer
 * @param thread
 * @param before only messages with a smaller id; none for the newest page
 * @param pageSize from 1 to {@link #MAX_PAGE_SIZE}
 */
public record ThreadHistoryQuery(Participant viewer, StudentId thread, @Nullable ChatId before, int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 100;

    public ThreadHistoryQuery {
        if (viewer == null || thread == null) {
            throw new IllegalArgumentException("a history query names a viewer and a thread");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException(
                    "page size must be between 1 and " + MAX_PAGE_SIZE + ", got " + pageSize);
        }
    }
}
