package io.chatsync.application.resume;

import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.delivery.LogOffset;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads committed changes again from the change log, for a client that missed them. */
public interface ReplayPort {

    /**
     * The changes whose positions are in {@code within} but not in {@code had}, that may concern {@code who}, in
     * position order, at most {@code limit} log rows' worth. It may return changes the participant is not entitled
     * to; the caller applies the audience rule. Their {@link ChatChange#handedOver()} means nothing yet.
     *
     * @param rooms the threads a member of staff watches; absent for every thread
     */
    Replayed changes(Participant who, @Nullable Set<StudentId> rooms, LogOffset had, LogOffset within, int limit);

    /**
     * What a replay read.
     *
     * @param complete whether it read every change asked for; false when {@code limit} rows came first
     * @param readThrough the highest position it read (every one asked for up to it was read)
     */
    record Replayed(List<ChatChange> changes, boolean complete, long readThrough) {

        public Replayed {
            changes = List.copyOf(changes);
        }
    }
}
