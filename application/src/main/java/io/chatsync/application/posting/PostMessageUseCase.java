package io.chatsync.application.posting;

import io.chatsync.domain.message.ChatMessage;

/** Posts a message into a student's thread and stores it. */
public interface PostMessageUseCase {

    /**
     * @return the stored message, with its id and the thread student's profile
     * @throws io.chatsync.domain.message.InvalidMessageBody when the body breaks a rule; nothing is stored
     * @throws io.chatsync.domain.thread.ThreadAccessDenied when the author may not post there; nothing is stored
     */
    ChatMessage post(PostMessageCommand command);
}
