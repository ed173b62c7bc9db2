package io.chatsync.application.resume;

import io.chatsync.application.delivery.LogOffset;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import java.time.Instant;
import io.chatsync.application.delivery.ChatChange;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Resumable sessions: begun when a client connects, resumed when it comes back with its {@code pid} and offset, on
 * any node. Replay covers what the node had handed over when asked; what it hands over later reaches the client live.
 */
public interface ResumeSessionsUseCase {

    /** Records a new session of {@code owner}, whose socket has had everything the node handed over ({@code began}). */
    void begin(SessionKey key, Participant owner, LogOffset began);

    /**
     * What a CONNECT carrying {@code pid} and {@code offset} (absent before the client's first event) comes to.
     * Only a session of the same participant is resumed.
     *
     * @param handedOver what this node has handed over now: the replay reaches that far
     */
    Resumption resume(Participant owner, String pid, @Nullable String offset, LogOffset handedOver);

    /**
     * What a resumed session missed between {@link #resume} and its socket joining this node's live deliveries,
     * when the node had handed over {@code handedOver}; {@link Resumption.NotResumed} when that is more than a
     * resumption replays.
     */
    Resumption rest(Participant owner, Resumption.Resumed resumed, LogOffset handedOver);

    /**
     * Every change {@code reader} may see (a student: their thread; staff: every thread) after {@code after}, up to
     * what this node's feed has handed over, at most {@code limit} log rows' worth: for clients whose sockets do not
     * resume. Without {@code after}, no change and the offset to start from.
     *
     * @throws InvalidOffset when {@code after} is not an offset chatsync sent
     * @throws OffsetTooOld when it is older than the change log keeps every change
     */
    CatchUp changesSince(Participant reader, @Nullable String after, int limit);

    /**
     * Changes for a client catching up, oldest first.
     *
     * @param offset what the client has had once it has these: its {@code after} for the next call
     * @param more whether more changes follow (call again with {@code offset})
     */
    record CatchUp(List<ChatChange> changes, String offset, boolean more) {

        public CatchUp {
            changes = List.copyOf(changes);
        }
    }

    /** An offset a client sent that chatsync did not write. */
    final class InvalidOffset extends RuntimeException {

        public InvalidOffset(String message) {
            super(message);
        }
    }

    /** An offset older than the change log's retention: what came after it may be gone. */
    final class OffsetTooOld extends RuntimeException {

        public OffsetTooOld(String message) {
            super(message);
        }
    }

    /** The offset a client is sent with an event: what it has had once it has that event. */
    String offset(LogOffset had, Instant sentAt);

    /** The sessions now watch these threads' rooms. */
    void rooms(Map<SessionKey, Set<StudentId>> rooms);

    void seen(List<SessionsPort.Progress> progress);

    /** Forgets sessions gone for longer than the window; returns how many. */
    int forgetExpired();

    ResumeSettings settings();
}
