package io.chatsync.application.delivery;

/**
 * A place in the database's ordered log of chat changes. Positions are assigned in commit order by the database
 * itself, so a position means the same thing on every node and after every restart.
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
