package io.chatsync.domain.message;

import java.time.Instant;

/**
 * A message was accepted for a student's thread; storing it gives it a {@link ChatId}.
 *
 * @param thread the student's thread
 * @param sender who wrote it
 * @param body the accepted body
 * @param postedAt when it was accepted
 */
public record MessagePosted(StudentId thread, Side sender, MessageBody body, Instant postedAt) {

    public MessagePosted {
        if (thread == null || sender == null || body == null || postedAt == null) {
            throw new IllegalArgumentException("a posted message has a thread, sender, body and time");
        }
    }
}
