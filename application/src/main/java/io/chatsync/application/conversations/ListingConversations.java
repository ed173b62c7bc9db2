package io.chatsync.application.conversations;

import io.chatsync.domain.thread.Participant;
import java.util.List;
import java.util.Optional;

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
        if (rows.size() <= query.pageSize()) {
            return new ConversationPage(rows, Optional.empty());
        }
        List<Conversation> page = rows.subList(0, query.pageSize());
        return new ConversationPage(page, Optional.of(page.get(page.size() - 1).lastMessage().id()));
    }
}
