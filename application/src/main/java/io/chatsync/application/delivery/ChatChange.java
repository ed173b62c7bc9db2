package io.chatsync.application.delivery;

import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.StudentId;
import java.time.Instant;

/** A committed change to a thread, as the change feed hands it over. */
public sealed interface ChatChange {

    /** Where the change stands in the log (see {@link FeedPosition}). */
    FeedPosition position();

    /** The student whose thread changed. */
    StudentId thread();

    /** When the writing transaction recorded the change; the feed's lag is measured from here. */
    Instant recordedAt();

    /**
     * A message was stored.
     *
     * @param message the full row with the thread student's profile, as loaded when handed over
     */
    record MessageAdded(FeedPosition position, Instant recordedAt, ChatMessage message) implements ChatChange {

        @Override
        public StudentId thread() {
            return message.thread();
        }
    }

    /**
     * A message's read flags changed; the flags are those this change wrote.
     */
    record ReadFlagsChanged(FeedPosition position, Instant recordedAt, ChatId chat, StudentId thread,
            boolean readByStudent, boolean readByTeacher) implements ChatChange {
    }
}
