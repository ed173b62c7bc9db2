package io.chatsync.domain.message;

/**
 * Turns raw text into a {@link MessageBody}, or says which {@link BodyRule} it breaks.
 *
 * @param maxLength the most characters (code points) a body may have; positive
 */
public record BodyPolicy(int maxLength) {

    public static final int DEFAULT_MAX_LENGTH = 4_000;

    public BodyPolicy {
        if (maxLength <= 0) {
            throw new IllegalArgumentException("the maximum body length is positive, got " + maxLength);
        }
    }

    public static BodyPolicy standard() {
        return new BodyPolicy(DEFAULT_MAX_LENGTH);
    }

    /**
     * @throws InvalidMessageBody naming the first rule that {@code text} breaks
     */
    public MessageBody accept(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidMessageBody(BodyRule.NOT_BLANK, "message must not be blank");
        }
        if (text.indexOf('\0') >= 0) {
            throw new InvalidMessageBody(BodyRule.NO_NUL, "message must not contain the NUL character (U+0000)");
        }
        int length = text.codePointCount(0, text.length());
        if (length > maxLength) {
            throw new InvalidMessageBody(BodyRule.MAX_LENGTH,
                    "message must have at most " + maxLength + " characters, got " + length);
        }
        return new MessageBody(text);
    }
}
