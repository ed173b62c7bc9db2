package io.chatsync.adapters.socketio.wire;

import io.chatsync.domain.message.StudentId;
import java.util.Optional;

/**
 * A student's room as the legacy servers named it, {@code user:<studentId>}: the thread's student is in it, and
 * the staff who watch the thread join it.
 *
 * @param student whose thread the room follows
 */
public record Room(StudentId student) {

    private static final String PREFIX = "user:";

    public Room {
        if (student == null) {
            throw new IllegalArgumentException("a room follows a student's thread");
        }
    }

    /** The room {@code name} names, if it is a student's room name. */
    public static Optional<StudentId> studentOf(String name) {
        if (name == null || !name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            int id = Integer.parseInt(name.substring(PREFIX.length()).trim());
            return id > 0 ? Optional.of(StudentId.of(id)) : Optional.empty();
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    public String name() {
        return PREFIX + student.value();
    }

    @Override
    public String toString() {
        return name();
    }
}
