package io.chatsync.domain.thread;

import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;

/**
 * Someone taking part in chats, on one {@link Side}: a student, who has one thread, or a member of staff, who sees
 * every thread.
 */
public sealed interface Participant {

    /** The side this participant writes and reads from. */
    Side side();

    static Student student(int userId) {
        return new Student(StudentId.of(userId));
    }

    static Staff staff(String userId) {
        return new Staff(userId);
    }

    /**
     * A student of the centre; their thread is named by their id.
     *
     * @param id the student's LMS user id
     */
    record Student(StudentId id) implements Participant {

        public Student {
            if (id == null) {
                throw new IllegalArgumentException("a student has an id");
            }
        }

        @Override
        public Side side() {
            return Side.STUDENT;
        }
    }

    /**
     * A teacher or other member of staff, known by the LMS user id of their token.
     *
     * @param userId not blank
     */
    record Staff(String userId) implements Participant {

        public Staff {
            if (userId == null || userId.isBlank()) {
                throw new IllegalArgumentException("a member of staff has a user id");
            }
        }

        @Override
        public Side side() {
            return Side.STAFF;
        }
    }
}
