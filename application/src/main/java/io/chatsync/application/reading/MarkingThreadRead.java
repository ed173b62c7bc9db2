package io.chatsync.application.reading;

import io.chatsync.domain.message.ThreadRead;
import io.chatsync.domain.thread.ChatThread;
import java.time.Clock;

/** Checks the reader may see the thread, then stores the read. */
public final class MarkingThreadRead implements MarkThreadReadUseCase {

    private final StoreThreadReadPort store;
    private final Clock clock;

    public MarkingThreadRead(StoreThreadReadPort store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public ThreadMarkedRead markRead(MarkThreadReadCommand command) {
        ThreadRead read = new ChatThread(command.thread(), command.reader()).read(clock);
        return new ThreadMarkedRead(read, store.store(read));
    }
}
