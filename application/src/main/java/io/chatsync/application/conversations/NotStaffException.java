package io.chatsync.application.conversations;

import io.chatsync.domain.message.ChatRuleViolation;

/** Something only staff may see was asked for by a student. */
public final class NotStaffException extends ChatRuleViolation {

    private static final long serialVersionUID = 1L;

    NotStaffException(String message) {
        super(message);
    }
}
