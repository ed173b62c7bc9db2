package io.chatsync.domain.message;

import org.jspecify.annotations.Nullable;

/**
 * The thread student's profile as the LMS keeps it in {@code users}; it travels with a loaded message.
 *
 * @param student
 * @param fullName absent where the LMS has none
 * @param avatarUrl absent where the LMS has none
 */
public record StudentProfile(StudentId student, @Nullable String fullName, @Nullable String avatarUrl) {

    public StudentProfile {
        if (student == null) {
            throw new IllegalArgumentException("a profile belongs to a student");
        }
    }
}
