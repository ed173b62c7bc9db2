package io.chatsync.application.history;

import io.chatsync.application.Keyset;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.thread.ThreadAccess;
import java.util.List;

/**
 * Keyset pagination by {@code chat_id}: a page ends at the smallest id it holds, and the next page starts below
 * it, so messages that arrive meanwhile neither shift nor repeat older pages.
 */
public final class LoadingThreadHistory implements LoadThreadHistoryUseCase {

    private final LoadThreadHistoryPort history;

    public LoadingThreadHistory(LoadThreadHistoryPort history) {
        this.history = history;
    }

    @Override
    public HistoryPage load(ThreadHistoryQuery query) {
        ThreadAccess.requireSight(query.viewer(), query.thread());
        List<ChatMessage> rows = history.loadNewestFirst(query.thread(), query.before(), query.pageSize() + 1);
        return Keyset.page(rows, query.pageSize(), ChatMessage::id, HistoryPage::new);
    }
}
