package io.chatsync.domain.message;

/** A message body that breaks one of the {@link BodyRule}s. */
public final class InvalidMessageBody extends ChatRuleViolation {

    private static final long serialVersionUID = 1L;

    private final BodyRule rule;

    InvalidMessageBody(BodyRule rule, String message) {
        super(message);
        this.rule = rule;
    }

    /** The rule that was broken. */
    public BodyRule rule() {
        return rule;
    }
}
