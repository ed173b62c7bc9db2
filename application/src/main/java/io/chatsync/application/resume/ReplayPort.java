package io.chatsync.application.resume;

import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.delivery.LogOffset;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads committed changes again from the change log, for a client that missed them. */
public interface ReplayPort {

    /**
     * The changes whose positions are in {@code within} but not in {@code had}, that may concern {@code who}
     * (watching {@code rooms}), in position order, at most {@code limit}. It may return changes the participant is not
     * entitled to; the caller applies the audience rule. Their {@link ChatChange#handedOver()} means nothing yet.
     *
     * @return empty when more than {@code limit} changes may concern them
     */
    Optional<List<ChatChange>> changes(Participant who, Set<StudentId> rooms, LogOffset had, LogOffset within, int limit);
}
