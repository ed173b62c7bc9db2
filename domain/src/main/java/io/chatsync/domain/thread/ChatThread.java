package io.chatsync.domain.thread;

import io.chatsync.domain.message.MessageBody;
import io.chatsync.domain.message.MessagePosted;
import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.message.ThreadRead;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * A student's thread seen by one participant; its operations check {@link ThreadAccess} and return the event
 * they cause.
 *
 * @param student whose thread it is
 * @param participant who acts on it
 */
public record ChatThread(StudentId student, Participant participant) {

    public ChatThread {
        if (student == null || participant == null) {
            throw new IllegalArgumentException("a thread is a student's, seen by a participant");
        }
        ThreadAccess.requireSight(participant, student);
    }

    /**
     * Posts {@code body} as the participant.
     *
     * @param claimed the side the request says it posts as; none for the participant's own
     * @throws ThreadAccessDenied when the participant claims to be the other side
     */
    public MessagePosted post(MessageBody body, @Nullable Side claimed, Clock clock) {
        Side sender = ThreadAccess.senderFor(participant, student, claimed);
        return new MessagePosted(student, sender, body, clock.instant());
    }

    /** Marks the other side's messages read by the participant's side; doing it twice changes nothing more. */
    public ThreadRead read(Clock clock) {
        return new ThreadRead(student, participant.side(), clock.instant());
    }
}
