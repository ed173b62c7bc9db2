package io.chatsync.domain.message;

/** The rules a message body must keep; a broken one names itself in {@link InvalidMessageBody}. */
public enum BodyRule {
    /** The body has at least one character that is not white space. */
    NOT_BLANK,
    /** The body has at most the configured number of characters (Unicode code points). */
    MAX_LENGTH,
    /** The body has no NUL character, which PostgreSQL {@code text} cannot store. */
    NO_NUL
}
