package io.chatsync.application.resume;

import io.chatsync.application.delivery.LogOffset;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A resumable session as the database keeps it.
 *
 * @param owner whose it is; only a CONNECT authenticated as the same participant resumes it
 * @param rooms the threads whose rooms it had joined
 * @param began everything its first socket had had when it connected, and when that was ({@code begunAt})
 * @param lastOffset the offset of the last event it was sent, as last recorded; absent before the first
 * @param quietThrough everything the session had been sent when it was last recorded, with nothing sent since
 *     {@code lastOffset}: a client holding {@code lastOffset} (or none, when that is absent) has had all of it
 * @param quietAt when {@code quietThrough} was recorded
 * @param seenAt when a node last had the session connected
 */
public record StoredSession(Participant owner, Set<StudentId> rooms, LogOffset began, Instant begunAt,
        @Nullable String lastOffset,
        LogOffset quietThrough, Instant quietAt, Instant seenAt) {

    public StoredSession {
        rooms = Set.copyOf(rooms);
    }
}
