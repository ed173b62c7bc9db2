package io.chatsync.application.limits;

/** What a user does that costs the node and the database, and so is limited per user. */
public enum LimitedAction {
    /** Posting a message (a socket's {@code message:send} or an HTTP post). */
    POST,
    /** Marking a thread read. */
    MARK_READ,
    /** A staff socket joining (or leaving) a student's room. */
    JOIN
}
