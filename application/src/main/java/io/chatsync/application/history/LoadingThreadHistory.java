package io.chatsync.application.history;

import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.thread.ThreadAccess;
import java.util.List;
import java.util.Optional;

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
        // One extra row tells whether an older page exists without a second query.
        List<ChatMessage> rows = history.loadNewestFirst(query.thread(), query.before(), query.pageSize() + 1);
        if (rows.size() <= query.pageSize()) {
            return new HistoryPage(rows, Optional.empty());
        }
        List<ChatMessage> page = rows.subList(0, query.pageSize());
        return new HistoryPage(page, Optional.of(page.get(page.size() - 1).id()));
    }
}
