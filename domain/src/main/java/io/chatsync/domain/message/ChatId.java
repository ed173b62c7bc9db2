package io.chatsync.domain.message;

/**
 * The id of one stored message ({@code chats.chat_id}).
 *
 * @param value positive
 */
public record ChatId(int value) {

    public ChatId {
        if (value <= 0) {
            throw new IllegalArgumentException("a chat id is positive, got " + value);
        }
    }

    public static ChatId of(int value) {
        return new ChatId(value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
