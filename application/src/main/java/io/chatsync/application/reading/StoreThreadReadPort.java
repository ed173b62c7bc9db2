package io.chatsync.application.reading;

import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.ThreadRead;
import java.util.List;

/** Sets the reader side's flag on the other side's unread messages of a thread. */
public interface StoreThreadReadPort {

    /** @return the ids whose flag changed, oldest first; empty when nothing was unread */
    List<ChatId> store(ThreadRead read);
}
