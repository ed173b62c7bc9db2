package io.chatsync.application.posting;

import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;

/**
 * A request to post {@code body} into {@code thread}.
 *
 * @param author who posts; must not be null
 * @param thread the student's thread; must not be null
 * @param body the raw text, checked by the use case's body policy
 * @param claimedSender the sender the client named, or null to take the author's own
 * @param idempotencyKey the client's key for this post, or null when it sent none
 */
public record PostMessageCommand(Participant author, StudentId thread, String body, Side claimedSender,
        IdempotencyKey idempotencyKey) {

    public PostMessageCommand {
        if (author == null) {
            throw new IllegalArgumentException("a post has an author");
        }
        if (thread == null) {
            throw new IllegalArgumentException("a post names the student's thread");
        }
    }

    public PostMessageCommand(Participant author, StudentId thread, String body, Side claimedSender) {
        this(author, thread, body, claimedSender, null);
    }

    public PostMessageCommand(Participant author, StudentId thread, String body) {
        this(author, thread, body, null, null);
    }
}
