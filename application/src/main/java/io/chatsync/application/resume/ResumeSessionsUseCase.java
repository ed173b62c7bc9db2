package io.chatsync.application.resume;

import io.chatsync.application.delivery.LogOffset;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import java.time.Instant;
import java.util.List;
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

    /** The offset a client is sent with an event: what it has had once it has that event. */
    String offset(LogOffset had, Instant sentAt);

    void rooms(SessionKey key, Set<StudentId> rooms);

    void seen(List<SessionsPort.Progress> progress);

    /** Forgets sessions gone for longer than the window; returns how many. */
    int forgetExpired();

    ResumeSettings settings();
}
