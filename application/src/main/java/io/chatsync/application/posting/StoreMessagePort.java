package io.chatsync.application.posting;

import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.MessagePosted;

/** Keeps a posted message for good. */
public interface StoreMessagePort {

    /**
     * @return the message as stored: its new id and the thread student's profile
     * @throws UnknownStudentException when no student {@code posted.thread()} exists
     */
    ChatMessage store(MessagePosted posted);
}
