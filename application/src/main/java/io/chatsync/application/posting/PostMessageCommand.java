package io.chatsync.application.posting;

import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import org.jspecify.annotations.Nullable;

/**
 * A request to post {@code body} into {@code thread}.
 *
 * @param author who posts
 * @param thread the student's thread
 * @param body the raw text, checked by the use case's body policy
 * @param claimedSender the side the client said it posts as; none to take the author's own
 * @param idempotencyKey the client's key for this post, if it sent one
 */
public record PostMessageCommand(Participant author, StudentId thread, String body, @Nullable Side claimedSender,
        @Nullable IdempotencyKey idempotencyKey) {

    public PostMessageCommand {
        if (author == null) {
            throw new IllegalArgumentException("a post has an author");
        }
        if (thread == null) {
            throw new IllegalArgumentException("a post names the student's thread");
        }
    }

    public PostMessageCommand(Participant author, StudentId thread, String body, @Nullable Side claimedSender) {
        this(author, thread, body, claimedSender, null);
    }

    public PostMessageCommand(Participant author, StudentId thread, String body) {
        this(author, thread, body, null, null);
    }
}
