package io.chatsync.domain.message;

/**
 * A student's user id in the LMS; it also names that student's one chat thread.
 *
 * @param value positive
 */
public record StudentId(int value) {

    public StudentId {
        if (value <= 0) {
            throw new IllegalArgumentException("a student id is positive, got " + value);
        }
    }

    public static StudentId of(int value) {
        return new StudentId(value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
