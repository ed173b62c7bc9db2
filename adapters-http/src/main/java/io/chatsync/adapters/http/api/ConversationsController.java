package io.chatsync.adapters.http.api;

import io.chatsync.application.conversations.ConversationListQuery;
import io.chatsync.application.conversations.ConversationPage;
import io.chatsync.application.conversations.CountUnreadUseCase;
import io.chatsync.application.conversations.ListConversationsUseCase;
import io.chatsync.application.wire.ColumnRules;
import io.chatsync.application.wire.LegacyMessage;
import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.thread.Participant;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

    @Operation(summary = "The conversation list, newest activity first (staff)",
            description = "Each thread with its student, its newest message and the messages staff have not read. "
                    + "limit is 1 to 200 (50).")
    @ApiResponse(responseCode = "200", description = "a page of the list")
    @Refusals({400, 401, 403})
    @GetMapping("/api/conversations")
    public Pages.ConversationPage list(@AuthenticationPrincipal Participant viewer,
            @RequestParam(required = false) String before, @RequestParam(required = false) String limit) {
        ChatId cursor = before == null ? null : ChatId.of(Params.positive("before", before));
        int pageSize = limit == null ? ConversationListQuery.DEFAULT_PAGE_SIZE : Params.positive("limit", limit);
        ConversationPage page = conversations.list(
                Params.query("limit", () -> new ConversationListQuery(viewer, cursor, pageSize)));
        List<Pages.ConversationRow> rows = page.conversations().stream().map(conversation -> {
            LegacyMessage message = columns.show(conversation.lastMessage(), viewer.side());
            return new Pages.ConversationRow(message.student(), MessageJson.of(message),
                    conversation.unreadByStaff());
        }).toList();
        return new Pages.ConversationPage(rows, page.nextBefore().map(ChatId::value).orElse(null));
    }

    @Operation(summary = "A student's unread count")
    @ApiResponse(responseCode = "200", description = "the count")
    @Refusals({401, 403})
    @GetMapping("/api/me/unread")
    public Pages.Unread unread(@AuthenticationPrincipal Participant viewer) {
        if (!(viewer instanceof Participant.Student student)) {
            throw new StudentsOnly();
        }
        return new Pages.Unread(unread.countUnread(student));
    }

    /** Staff have no unread count of their own; they read it per thread in the conversation list. */
    static final class StudentsOnly extends RuntimeException {

        private static final long serialVersionUID = 1L;

        StudentsOnly() {
            super("only students have an unread count; staff see unread_by_staff in /api/conversations");
        }
    }
}
