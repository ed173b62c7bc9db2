package io.chatsync.application.conversations;

/** Lists every student thread for staff, newest activity first. */
public interface ListConversationsUseCase {

    /** @throws io.chatsync.domain.thread.ThreadAccessDenied when the viewer is not staff */
    ConversationPage list(ConversationListQuery query);
}
