package io.chatsync.adapters.http.api;

import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.resume.ResumeSessionsUseCase;
import io.chatsync.application.wire.ColumnRules;
import io.chatsync.domain.thread.Participant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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
    @GetMapping("/api/changes")
    public Map<String, Object> changes(@AuthenticationPrincipal Participant reader,
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
        List<Map<String, Object>> events = caughtUp.changes().stream().map(change -> event(change, reader)).toList();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changes", events);
        result.put("offset", caughtUp.offset());
        result.put("more", caughtUp.more());
        return result;
    }

    private Map<String, Object> event(ChatChange change, Participant reader) {
        if (change instanceof ChatChange.MessageAdded added) {
            return Map.of("event", "message:new", "data", MessageJson.of(columns.show(added.message(), reader.side())));
        }
        ChatChange.ReadFlagsChanged read = (ChatChange.ReadFlagsChanged) change;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("messageId", read.chat().value());
        data.put("read_by_student", read.readByStudent());
        data.put("read_by_teacher", read.readByTeacher());
        return Map.of("event", "message:read", "data", data);
    }
}
