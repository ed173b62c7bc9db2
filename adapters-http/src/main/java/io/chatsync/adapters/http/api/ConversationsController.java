package io.chatsync.adapters.http.api;

import io.chatsync.application.conversations.ConversationListQuery;
import io.chatsync.application.conversations.ConversationPage;
import io.chatsync.application.conversations.CountUnreadUseCase;
import io.chatsync.application.conversations.ListConversationsUseCase;
import io.chatsync.application.wire.ColumnRules;
import io.chatsync.application.wire.LegacyMessage;
import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.thread.Participant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Overviews: the staff conversation list, and a student's unread count. */
@RestController
public class ConversationsController {

    private final ListConversationsUseCase conversations;
    private final CountUnreadUseCase unread;
    private final ColumnRules columns;

    public ConversationsController(ListConversationsUseCase conversations, CountUnreadUseCase unread,
            ColumnRules columns) {
        this.conversations = conversations;
        this.unread = unread;
        this.columns = columns;
    }

    @GetMapping("/api/conversations")
    public Map<String, Object> list(@AuthenticationPrincipal Participant viewer,
            @RequestParam(required = false) String before, @RequestParam(required = false) String limit) {
        ChatId cursor = before == null ? null : ChatId.of(Params.positive("before", before));
        int pageSize = limit == null ? ConversationListQuery.DEFAULT_PAGE_SIZE : Params.positive("limit", limit);
        ConversationPage page = conversations.list(
                Params.query("limit", () -> new ConversationListQuery(viewer, cursor, pageSize)));
        List<Map<String, Object>> rows = page.conversations().stream().map(conversation -> {
            LegacyMessage message = columns.show(conversation.lastMessage(), viewer.side());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("student", message.student());
            row.put("last_message", MessageJson.of(message));
            row.put("unread_by_staff", conversation.unreadByStaff());
            return row;
        }).toList();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("conversations", rows);
        result.put("next_before", page.nextBefore().map(ChatId::value).orElse(null));
        return result;
    }

    @GetMapping("/api/me/unread")
    public Map<String, Object> unread(@AuthenticationPrincipal Participant viewer) {
        if (!(viewer instanceof Participant.Student student)) {
            throw new StudentsOnly();
        }
        return Map.of("unread", unread.countUnread(student));
    }

    /** Staff have no unread count of their own; they read it per thread in the conversation list. */
    static final class StudentsOnly extends RuntimeException {

        private static final long serialVersionUID = 1L;

        StudentsOnly() {
            super("only students have an unread count; staff see unread_by_staff in /api/conversations");
        }
    }
}
