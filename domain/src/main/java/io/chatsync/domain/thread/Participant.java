package io.chatsync.domain.thread;

import io.chatsync.domain.message.ReaderSide;
import io.chatsync.domain.message.Sender;
import io.chatsync.domain.message.StudentId;

/** Someone taking part in chats: a student, who has one thread, or a member of staff, who sees every thread. */
public sealed interface Participant {

    /** The sender this participant posts as. */
    Sender postsAs();

    /** The side this participant reads a thread from. */
    ReaderSide readsAs();

    static Student student(int userId) {
        return new Student(StudentId.of(userId));
    }

    static Staff staff(String userId) {
        return new Staff(userId);
    }

    /**
     * A student of the centre; their thread is named by their id.
     *
     * @param id must not be null
     */
    record Student(StudentId id) implements Participant {

        public Student {
            if (id == null) {
                throw new IllegalArgumentException("a student has an id");
            }
        }

        @Override
        public Sender postsAs() {
            return Sender.STUDENT;
        }

        @Override
        public ReaderSide readsAs() {
            return ReaderSide.STUDENT;
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
        public Sender postsAs() {
            return Sender.TEACHER;
        }

        @Override
        public ReaderSide readsAs() {
            return ReaderSide.STAFF;
        }
    }
}
