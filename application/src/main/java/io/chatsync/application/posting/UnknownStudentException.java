package io.chatsync.application.posting;

import io.chatsync.domain.message.StudentId;

/** A thread was named for a student the LMS does not know. */
public final class UnknownStudentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient StudentId student;

    public UnknownStudentException(StudentId student) {
        super("no student with user_id " + student);
        this.student = student;
    }

    public StudentId student() {
        return student;
    }
}
