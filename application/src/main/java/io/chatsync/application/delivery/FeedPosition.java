package io.chatsync.application.delivery;

/**
 * A change's place in the database's log of chat changes, numbered by the database itself as writers reach the
 * log, so a position means the same thing on every node and after every restart. A change is numbered after every
 * change committed before its transaction began, and changes of one message in the order of their commits; the
 * changes of transactions running side by side may commit in another order than their positions.
 *
 * @param value zero before the first change
 */
public record FeedPosition(long value) implements Comparable<FeedPosition> {

    public FeedPosition {
        if (value < 0) {
            throw new IllegalArgumentException("a feed position is not negative, got " + value);
        }
    }

    @Override
    public int compareTo(FeedPosition other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
