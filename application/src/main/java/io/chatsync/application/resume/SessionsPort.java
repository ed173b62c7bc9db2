package io.chatsync.application.resume;

import io.chatsync.application.delivery.LogOffset;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Where resumable sessions are kept, for every node to find. */
public interface SessionsPort {

    /** The key offsets are sealed with ({@link Offsets}): the same on every node, made by the first that asks. */
    byte[] offsetKey();

    /** A new session of {@code owner} that has had everything in {@code began}. */
    void begin(SessionKey key, Participant owner, LogOffset began, Instant at);

    Optional<StoredSession> find(SessionKey key);

    /** The sessions now watch these threads' rooms. */
    void rooms(Map<SessionKey, Set<StudentId>> rooms);

    /**
     * How far connected sessions are, recorded at {@code at}.
     *
     * @param progress each session still connected on this node
     */
    void seen(List<Progress> progress, Instant at);

    /** Forgets the sessions last seen before {@code cutoff}; returns how many. */
    int forgetSeenBefore(Instant cutoff);

    /**
     * One connected session's progress.
     *
     * @param lastOffset the offset of the last event it was sent (absent before the first)
     * @param quietThrough everything it had been sent with nothing since {@code lastOffset}; absent while it is
     *     still being sent what it missed, when only its being connected is recorded
     */
    record Progress(SessionKey key, @Nullable String lastOffset, @Nullable LogOffset quietThrough) {
    }
}
