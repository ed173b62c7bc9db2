package io.chatsync.application.reading;

import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;

/**
 * A request to mark {@code thread} read by {@code reader}'s side.
 *
 * @param reader who reads it
 * @param thread the student's thread
 */
public record MarkThreadReadCommand(Participant reader, StudentId thread) {

    public MarkThreadReadCommand {
        if (reader == null || thread == null) {
            throw new IllegalArgumentException("marking read names a reader and a thread");
        }
    }
}
