package io.chatsync.adapters.socketio.gateway;

import io.chatsync.domain.message.StudentId;

/**
 * A student's room as the legacy servers named it: {@code user:<studentId>}.
 *
 * @param student whose thread the room follows
 */
public record Room(StudentId student) {

    public String name() {
        return "user:" + student.value();
    }

    @Override
    public String toString() {
        return name();
    }
}
