package io.chatsync.domain.thread;

import io.chatsync.domain.message.ChatRuleViolation;

/** A participant asked for a thread, or acted in one, that is not theirs. */
public final class ThreadAccessDenied extends ChatRuleViolation {

    private static final long serialVersionUID = 1L;

    ThreadAccessDenied(String message) {
        super(message);
    }
}
