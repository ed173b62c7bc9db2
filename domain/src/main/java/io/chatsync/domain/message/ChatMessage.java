package io.chatsync.domain.message;

import java.time.Instant;

/**
 * One stored message of a student's thread, with that student's profile.
 *
 * @param id the stored id
 * @param thread the student whose thread holds it ({@code chats.user_id})
 * @param sender who wrote it
 * @param body its text as stored
 * @param readByStudent whether the student has read it
 * @param readByTeacher whether staff have read it
 * @param createdAt when it was posted
 * @param student the thread student's profile
 * @param siteColumns the row's columns chatsync does not interpret, as the site's clients know them
 */
public record ChatMessage(
        ChatId id,
        StudentId thread,
        Side sender,
        String body,
        boolean readByStudent,
        boolean readByTeacher,
        Instant createdAt,
        StudentProfile student,
        SiteColumns siteColumns) {

    public ChatMessage {
        if (id == null || thread == null || sender == null || body == null || createdAt == null || student == null
                || siteColumns == null) {
            throw new IllegalArgumentException("a stored message has an id, thread, sender, body, time and profile");
        }
        if (!student.student().equals(thread)) {
            throw new IllegalArgumentException("the profile of student " + student.student()
                    + " does not belong to thread " + thread);
        }
    }

    /** A message of a {@code chats} table with no columns of the site's own. */
    public ChatMessage(ChatId id, StudentId thread, Side sender, String body, boolean readByStudent,
            boolean readByTeacher, Instant createdAt, StudentProfile student) {
        this(id, thread, sender, body, readByStudent, readByTeacher, createdAt, student, SiteColumns.none());
    }

    /** Whether {@code reader} still has to read this message: the other side wrote it and the flag is unset. */
    public boolean isUnreadFor(Side reader) {
        return sender == reader.other() && !reader.hasRead(this);
    }

    /** This message as it stands after {@code reader} read the thread; unchanged when there was nothing to mark. */
    public ChatMessage readBy(Side reader) {
        if (!isUnreadFor(reader)) {
            return this;
        }
        return switch (reader) {
            case STUDENT -> new ChatMessage(id, thread, sender, body, true, readByTeacher, createdAt, student,
                    siteColumns);
            case STAFF -> new ChatMessage(id, thread, sender, body, readByStudent, true, createdAt, student,
                    siteColumns);
        };
    }
}
