package io.chatsync.domain.thread;

import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import org.jspecify.annotations.Nullable;

/**
 * Who may see and write what, in one place.
 *
 * <ul>
 *   <li>A student sees only their own thread; staff see every thread.</li>
 *   <li>A student posts only as {@code student}, only into their own thread; staff post as {@code teacher} into
 *       any thread.</li>
 * </ul>
 */
public final class ThreadAccess {

    private ThreadAccess() {
    }

    /** Whether {@code participant} may see the messages of {@code thread}. */
    public static boolean maySee(Participant participant, StudentId thread) {
        if (participant instanceof Participant.Student student) {
            return student.id().equals(thread);
        }
        return participant instanceof Participant.Staff;
    }

    /**
     * @throws ThreadAccessDenied when {@code participant} may not see {@code thread}
     */
    public static void requireSight(Participant participant, StudentId thread) {
        if (!maySee(participant, thread)) {
            throw new ThreadAccessDenied("a student may only see their own thread");
        }
    }

    /**
     * The sender {@code author} posts into {@code thread} as, checked against what they claim to be.
     *
     * @param claimed the side the request says it posts as; none to take the participant's own
     * @throws ThreadAccessDenied when the thread is not theirs or they claim to be the other side
     */
    public static Side senderFor(Participant author, StudentId thread, @Nullable Side claimed) {
        requireSight(author, thread);
        Side own = author.side();
        if (claimed != null && claimed != own) {
            throw new ThreadAccessDenied(author instanceof Participant.Student
                    ? "a student may only post as 'student'"
                    : "staff post as 'teacher'");
        }
        return own;
    }
}
