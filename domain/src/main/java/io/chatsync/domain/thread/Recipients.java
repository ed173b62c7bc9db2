package io.chatsync.domain.thread;

import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import java.util.Set;

/**
 * Who is entitled to hear of a change to one student's thread. Every member of the audience hears of it once,
 * whichever of the groups below include them.
 *
 * @param thread the student whose thread changed
 * @param threadStudent the thread's own student
 * @param everyStaff every member of staff
 * @param staffWatchingThread the staff who joined the thread's room
 */
public record Recipients(StudentId thread, boolean threadStudent, boolean everyStaff, boolean staffWatchingThread) {

    public Recipients {
        if (thread == null) {
            throw new IllegalArgumentException("recipients are of a thread");
        }
    }

    /**
     * A new message: always the thread's student; every member of staff when the student wrote it (it may need an
     * answer from anyone), only the staff watching the thread when a teacher wrote it.
     */
    public static Recipients ofNewMessage(StudentId thread, Side sender) {
        return new Recipients(thread, true, sender == Side.STUDENT, true);
    }

    /** A change of read flags: whoever has the thread open, its student and the staff watching it. */
    public static Recipients ofReadReceipt(StudentId thread) {
        return new Recipients(thread, true, false, true);
    }

    /** "The conversation list changed": every member of staff, and the thread's student; never other students. */
    public static Recipients ofConversationListChange(StudentId thread) {
        return new Recipients(thread, true, true, true);
    }

    /** Whether {@code participant}, watching the threads in {@code watching}, is entitled to hear of the change. */
    public boolean include(Participant participant, Set<StudentId> watching) {
        if (participant instanceof Participant.Student student) {
            return threadStudent && student.id().equals(thread);
        }
        return everyStaff || (staffWatchingThread && watching.contains(thread));
    }
}
