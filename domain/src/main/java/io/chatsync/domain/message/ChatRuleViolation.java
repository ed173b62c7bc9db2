package io.chatsync.domain.message;

/** A request that breaks a chat rule; it changes nothing. */
public abstract class ChatRuleViolation extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected ChatRuleViolation(String message) {
        super(message);
    }
}
