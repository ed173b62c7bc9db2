package io.chatsync.domain.message;

import java.util.Arrays;

/** Who wrote a message, as the {@code chats.sender} column spells it. */
public enum Sender {
    STUDENT("student"),
    TEACHER("teacher");

    private final String column;

    Sender(String column) {
        this.column = column;
    }

    /** The value stored in {@code chats.sender}. */
    public String column() {
        return column;
    }

    /**
     * @throws IllegalArgumentException when {@code value} is neither {@code student} nor {@code teacher}
     */
    public static Sender fromColumn(String value) {
        return Arrays.stream(values())
                .filter(sender -> sender.column.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "sender must be 'student' or 'teacher', got '" + value + "'"));
    }
}
