package io.chatsync.application.conversations;

import io.chatsync.application.Keyset;
import io.chatsync.domain.thread.Participant;
import java.util.List;

/** The staff conversation list, keyset-paginated by each thread's newest message id. */
public final class ListingConversations implements ListConversationsUseCase {

    private final LoadConversationsPort conversations;

    public ListingConversations(LoadConversationsPort conversations) {
        this.conversations = conversations;
    }

    @Override
    public ConversationPage list(ConversationListQuery query) {
        if (!(query.viewer() instanceof Participant.Staff)) {
            throw new NotStaffException("only staff may list every conversation");
        }
        List<Conversation> rows = conversations.loadByNewestActivity(query.before(), query.pageSize() + 1);
        return Keyset.page(rows, query.pageSize(), row -> row.lastMessage().id(), ConversationPage::new);
    }
}
