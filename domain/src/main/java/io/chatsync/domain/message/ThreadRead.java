package io.chatsync.domain.message;

import java.time.Instant;

/**
 * One side read a student's thread: every message of the other side in it is now read by this side.
 *
 * @param thread the student's thread
 * @param reader the side that read it
 * @param readAt when it was read
 */
public record ThreadRead(StudentId thread, Side reader, Instant readAt) {

    public ThreadRead {
        if (thread == null || reader == null || readAt == null) {
            throw new IllegalArgumentException("a read has a thread, a reader side and a time");
        }
    }
}
