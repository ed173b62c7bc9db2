package io.chatsync.application.delivery;

import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.StudentId;
import java.time.Instant;

/** A committed change to a thread, as the change feed hands it over. */
public sealed interface ChatChange {

    /** Where the change stands in the log (see {@link FeedPosition}). */
    FeedPosition position();

    /**
     * Every position the feed has handed over once this change is: a client that had this change has had everything
     * in it (see {@link LogOffset}).
     */
    LogOffset handedOver();

    /** The same change, handed over with {@code offset} (a replay hands over another set than the feed did). */
    ChatChange withHandedOver(LogOffset offset);

    /** The student whose thread changed. */
    StudentId thread();

    /** When the writing transaction recorded the change; the feed's lag is measured from here. */
    Instant recordedAt();

    /**
     * A message was stored.
     *
     * @param message the full row with the thread student's profile, as loaded when handed over
     */
    record MessageAdded(FeedPosition position, LogOffset handedOver, Instant recordedAt, ChatMessage message) implements ChatChange {

        @Override
        public StudentId thread() {
            return message.thread();
        }

        @Override
        public MessageAdded withHandedOver(LogOffset offset) {
            return new MessageAdded(position, offset, recordedAt, message);
        }
    }

    /**
     * A message's read flags changed; the flags are those this change wrote.
     */
    record ReadFlagsChanged(FeedPosition position, LogOffset handedOver, Instant recordedAt, ChatId chat, StudentId thread,
            boolean readByStudent, boolean readByTeacher) implements ChatChange {

        @Override
        public ReadFlagsChanged withHandedOver(LogOffset offset) {
            return new ReadFlagsChanged(position, offset, recordedAt, chat, thread, readByStudent, readByTeacher);
        }
    }
}
