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
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

    @Operation(summary = "Post a message into a thread", description = "A student into their own thread, staff "
            + "into any. A retry with the same Idempotency-Key from the same user returns the message the first "
            + "stored, and stores nothing.")
    @ApiResponse(responseCode = "201", description = "the stored message",
            content = @Content(schema = @Schema(implementation = MessageSchema.class)))
    @Refusals({400, 401, 403, 404, 409, 413, 429})
    @PostMapping("/messages")
    public ResponseEntity<Map<String, @Nullable Object>> post(@AuthenticationPrincipal Participant author,
            @PathVariable String studentId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = PostRequest.class)))
            @RequestBody(required = false) Map<String, Object> body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        PostBody post = PostBody.of(body);
        ChatMessage stored = postMessage.post(new PostMessageCommand(author, Params.student(studentId), post.message(),
                post.sender(), key(idempotencyKey)));
        return ResponseEntity.created(URI.create("/api/threads/" + stored.thread().value() + "/messages"))
                .body(MessageJson.of(columns.show(stored, author.side())));
    }

    @Operation(summary = "A page of a thread's history, newest first",
            description = "For the thread's student and staff. limit is 1 to 100 (50).")
    @ApiResponse(responseCode = "200", description = "a page of the thread, newest first")
    @Refusals({400, 401, 403})
    @GetMapping("/messages")
    public Pages.HistoryPage history(@AuthenticationPrincipal Participant viewer, @PathVariable String studentId,
            @RequestParam(required = false) String before, @RequestParam(required = false) String limit) {
        StudentId thread = Params.student(studentId);
        ChatId cursor = before == null ? null : ChatId.of(Params.positive("before", before));
        int pageSize = limit == null ? ThreadHistoryQuery.DEFAULT_PAGE_SIZE : Params.positive("limit", limit);
        HistoryPage page = history.load(Params.query("limit", () -> new ThreadHistoryQuery(viewer, thread, cursor,
                pageSize)));
        return new Pages.HistoryPage(
                page.messages().stream().map(message -> MessageJson.of(columns.show(message, viewer.side()))).toList(),
                page.nextBefore().map(ChatId::value).orElse(null));
    }

    @Operation(summary = "Mark the other side's messages of a thread read, as the caller's side")
    @ApiResponse(responseCode = "200", description = "the messages it marked")
    @Refusals({400, 401, 403, 429})
    @PostMapping("/read")
    public Pages.Marked read(@AuthenticationPrincipal Participant reader, @PathVariable String studentId) {
        var read = markRead.markRead(new MarkThreadReadCommand(reader, Params.student(studentId)));
        return new Pages.Marked(read.marked().stream().map(ChatId::value).toList());
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
