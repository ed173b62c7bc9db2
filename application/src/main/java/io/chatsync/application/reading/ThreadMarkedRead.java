package io.chatsync.application.reading;

import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.ThreadRead;
import java.util.List;

/**
 * What marking a thread read changed.
 *
 * @param read the read, as the domain recorded it
 * @param marked the messages whose flag this call set, oldest first
 */
public record ThreadMarkedRead(ThreadRead read, List<ChatId> marked) {

    public ThreadMarkedRead {
        marked = List.copyOf(marked);
    }
}
