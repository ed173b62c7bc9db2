package io.chatsync.application.conversations;

import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.StudentProfile;

/**
 * One student's thread in the staff list.
 *
 * @param student the thread student's profile
 * @param lastMessage the thread's newest message
 * @param unreadByStaff the student's messages in it that staff have not read
 */
public record Conversation(StudentProfile student, ChatMessage lastMessage, int unreadByStaff) {
}
