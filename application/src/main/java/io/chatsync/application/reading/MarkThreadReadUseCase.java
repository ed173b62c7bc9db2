package io.chatsync.application.reading;

/** Marks a thread read by the reader's side. */
public interface MarkThreadReadUseCase {

    /**
     * @return the messages this call marked; empty when all were read already
     * @throws io.chatsync.domain.thread.ThreadAccessDenied when the reader may not see the thread
     */
    ThreadMarkedRead markRead(MarkThreadReadCommand command);
}
