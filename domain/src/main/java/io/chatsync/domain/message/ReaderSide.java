package io.chatsync.domain.message;

/**
 * The side of a thread that reads it, and what reading marks: a student reading marks the teachers' messages
 * {@code read_by_student}; staff reading marks the student's messages {@code read_by_teacher}.
 */
public enum ReaderSide {
    STUDENT(Sender.TEACHER),
    STAFF(Sender.STUDENT);

    private final Sender readsMessagesOf;

    ReaderSide(Sender readsMessagesOf) {
        this.readsMessagesOf = readsMessagesOf;
    }

    /** The sender whose messages this side marks read. */
    public Sender readsMessagesOf() {
        return readsMessagesOf;
    }

    /** Whether this side's read flag is set on {@code message}. */
    public boolean hasRead(ChatMessage message) {
        return this == STUDENT ? message.readByStudent() : message.readByTeacher();
    }
}
