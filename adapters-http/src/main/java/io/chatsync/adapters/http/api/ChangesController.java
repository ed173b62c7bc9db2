package io.chatsync.adapters.http.api;

import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.resume.ResumeSessionsUseCase;
import io.chatsync.application.wire.ColumnRules;
import io.chatsync.domain.thread.Participant;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Everything the caller may see that changed after an offset they hold, as the Socket.IO events they would have had:
 * for apps whose sockets do not resume (docs/resume.md, "Without resumable sockets"). A student gets their thread's
 * changes, staff every thread's.
 */
@RestController
public class ChangesController {

    /** The most changes one call returns unless asked for fewer. */
    static final int MAX_LIMIT = 1_000;

    private final ResumeSessionsUseCase sessions;
    private final ColumnRules columns;

    public ChangesController(ResumeSessionsUseCase sessions, ColumnRules columns) {
        this.sessions = sessions;
        this.columns = columns;
    }

    /**
     * @param after an offset from an event or from an earlier call; without it, no change and the offset to start
     *     from
     */
    @Operation(summary = "What changed after an offset, as the events it would have had, oldest first",
            description = "A student gets their thread's changes, staff every thread's. limit is 1 to 1,000. 400 for "
                    + "an offset chatsync did not write, 410 for one older than the change log's retention.")
    @ApiResponse(responseCode = "200", description = "the changes, and the offset to go on from")
    @Refusals({400, 401, 410})
    @GetMapping("/api/changes")
    public Pages.ChangePage changes(@AuthenticationPrincipal Participant reader,
            @RequestParam(required = false) String after, @RequestParam(required = false) String limit) {
        int most = limit == null ? MAX_LIMIT : Params.positive("limit", limit);
        if (most > MAX_LIMIT) {
            throw new BadRequest("limit", "limit is at most " + MAX_LIMIT);
        }
        ResumeSessionsUseCase.CatchUp caughtUp;
        try {
            caughtUp = sessions.changesSince(reader, after, most);
        } catch (ResumeSessionsUseCase.InvalidOffset e) {
            throw new BadRequest("after", e.getMessage());
        }
        List<Pages.Change> events = caughtUp.changes().stream().map(change -> event(change, reader)).toList();
        return new Pages.ChangePage(events, caughtUp.offset(), caughtUp.more());
    }

    private Pages.Change event(ChatChange change, Participant reader) {
        if (change instanceof ChatChange.MessageAdded added) {
            return new Pages.Change("message:new", MessageJson.of(columns.show(added.message(), reader.side())));
        }
        ChatChange.ReadFlagsChanged read = (ChatChange.ReadFlagsChanged) change;
        return new Pages.Change("message:read",
                new Pages.ReadFlags(read.chat().value(), read.readByStudent(), read.readByTeacher()));
    }
}
