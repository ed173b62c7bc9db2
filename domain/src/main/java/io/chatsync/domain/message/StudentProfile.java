package io.chatsync.domain.message;

/**
 * The thread student's profile as the LMS keeps it in {@code users}; it travels with a loaded message.
 *
 * @param student must not be null
 * @param fullName may be null where the LMS has none
 * @param avatarUrl may be null where the LMS has none
 */
public record StudentProfile(StudentId student, String fullName, String avatarUrl) {

    public StudentProfile {
        if (student == null) {
            throw new IllegalArgumentException("a profile belongs to a student");
        }
    }
}
