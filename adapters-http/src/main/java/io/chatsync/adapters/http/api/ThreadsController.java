package io.chatsync.adapters.http.api;

import io.chatsync.application.history.HistoryPage;
import io.chatsync.application.history.LoadThreadHistoryUseCase;
import io.chatsync.application.history.ThreadHistoryQuery;
import io.chatsync.application.posting.IdempotencyKey;
import io.chatsync.application.posting.PostMessageCommand;
import io.chatsync.application.posting.PostMessageUseCase;
import io.chatsync.application.reading.MarkThreadReadCommand;
import io.chatsync.application.reading.MarkThreadReadUseCase;
import io.chatsync.application.wire.ColumnRules;
import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A student's thread: its history, posting into it, and reading it. */
@RestController
@RequestMapping("/api/threads/{studentId}")
public class ThreadsController {

    private final PostMessageUseCase postMessage;
    private final LoadThreadHistoryUseCase history;
    private final MarkThreadReadUseCase markRead;
    private final ColumnRules columns;

    public ThreadsController(PostMessageUseCase postMessage, LoadThreadHistoryUseCase history,
            MarkThreadReadUseCase markRead, ColumnRules columns) {
        this.postMessage = postMessage;
        this.history = history;
        this.markRead = markRead;
        this.columns = columns;
    }

    @PostMapping("/messages")
    public ResponseEntity<Map<String, @Nullable Object>> post(@AuthenticationPrincipal Participant author,
            @PathVariable String studentId, @RequestBody(required = false) Map<String, Object> body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        PostBody post = PostBody.of(body);
        ChatMessage stored = postMessage.post(new PostMessageCommand(author, Params.student(studentId), post.message(),
                post.sender(), key(idempotencyKey)));
        return ResponseEntity.created(URI.create("/api/threads/" + stored.thread().value() + "/messages"))
                .body(MessageJson.of(columns.show(stored, author.side())));
    }

    @GetMapping("/messages")
    public Map<String, Object> history(@AuthenticationPrincipal Participant viewer, @PathVariable String studentId,
            @RequestParam(required = false) String before, @RequestParam(required = false) String limit) {
        StudentId thread = Params.student(studentId);
        ChatId cursor = before == null ? null : ChatId.of(Params.positive("before", before));
        int pageSize = limit == null ? ThreadHistoryQuery.DEFAULT_PAGE_SIZE : Params.positive("limit", limit);
        HistoryPage page = history.load(Params.query("limit", () -> new ThreadHistoryQuery(viewer, thread, cursor,
                pageSize)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("messages", page.messages().stream().map(message -> MessageJson.of(columns.show(message, viewer.side()))).toList());
        result.put("next_before", page.nextBefore().map(ChatId::value).orElse(null));
        return result;
    }

    @PostMapping("/read")
    public Map<String, Object> read(@AuthenticationPrincipal Participant reader, @PathVariable String studentId) {
        var read = markRead.markRead(new MarkThreadReadCommand(reader, Params.student(studentId)));
        return Map.of("marked", read.marked().stream().map(ChatId::value).toList());
    }

    private static IdempotencyKey key(String header) {
        if (header == null) {
            return null;
        }
        try {
            return new IdempotencyKey(header);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("Idempotency-Key", e.getMessage());
        }
    }
}
