package io.chatsync.domain.message;

/**
 * The two sides of every thread: the student whose thread it is, and staff (teachers and other members of staff,
 * who see every thread). A message is written by one side and read by the other; a port serves one side.
 */
public enum Side {
    STUDENT("student"),
    STAFF("teacher");

    private final String senderColumn;

    Side(String senderColumn) {
        this.senderColumn = senderColumn;
    }

    /** How {@code chats.sender} spells a message written by this side: {@code student} or {@code teacher}. */
    public String senderColumn() {
        return senderColumn;
    }

    /**
     * The side that wrote a message whose {@code chats.sender} is {@code value}.
     *
     * @throws IllegalArgumentException when {@code value} is neither {@code student} nor {@code teacher}
     */
    public static Side fromSenderColumn(String value) {
        for (Side side : values()) {
            if (side.senderColumn.equals(value)) {
                return side;
            }
        }
        throw new IllegalArgumentException("sender must be 'student' or 'teacher', got '" + value + "'");
    }

    /** The side across the thread: whose messages this side reads and marks read. */
    public Side other() {
        return this == STUDENT ? STAFF : STUDENT;
    }

    /** Whether this side's read flag is set on {@code message}. */
    public boolean hasRead(ChatMessage message) {
        return this == STUDENT ? message.readByStudent() : message.readByTeacher();
    }
}
