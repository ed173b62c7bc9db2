package io.chatsync.application.posting;

/**
 * A client's name for one intended post: retrying with the same key returns the message the first attempt
 * stored, and stores nothing new.
 *
 * @param value 1 to 200 visible ASCII characters
 */
public record IdempotencyKey(String value) {

    public static final int MAX_LENGTH = 200;

    public IdempotencyKey {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(
                    "an idempotency key is 1 to " + MAX_LENGTH + " visible ASCII characters");
        }
    }
}
