package io.chatsync.domain.message;

/**
 * The text of a message, checked against {@link BodyPolicy}.
 *
 * @param text never blank, never holding NUL, within the policy's length
 */
public record MessageBody(String text) {

    public MessageBody {
        if (text == null) {
            throw new IllegalArgumentException("a message body has text");
        }
    }

    /** Characters as a reader counts them: Unicode code points, not UTF-16 units. */
    public int length() {
        return text.codePointCount(0, text.length());
    }
}
