package io.chatsync.application.history;

/** Loads one page of a thread's history. */
public interface LoadThreadHistoryUseCase {

    /** @throws io.chatsync.domain.thread.ThreadAccessDenied when the viewer may not see the thread */
    HistoryPage load(ThreadHistoryQuery query);
}
