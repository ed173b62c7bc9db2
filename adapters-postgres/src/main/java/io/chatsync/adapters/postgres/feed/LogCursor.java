package io.chatsync.adapters.postgres.feed;

import io.chatsync.application.delivery.FeedPosition;
import java.util.Objects;

/**
 * Where a node is in the change log. Every change written by a transaction that {@code seen} (a PostgreSQL
 * snapshot, in its text form {@code xmin:xmax:xip,…}) shows as committed has been handed over, and none other.
 * A read that found more changes than fit one batch goes on reading up to the same {@code upTo} snapshot,
 * after the last position it handed over, until it is done; then {@code upTo} is what the node has seen.
 *
 * @param seen the snapshot up to which every change has been handed over
 * @param upTo the snapshot an unfinished read continues up to, or null
 * @param after the last position handed over by that unfinished read
 * @param last the last position handed over (or the end of the log when the node started), for health checks
 */
record LogCursor(String seen, String upTo, long after, FeedPosition last) {

    LogCursor {
        Objects.requireNonNull(seen, "seen");
        Objects.requireNonNull(last, "last");
    }

    /** Everything committed in {@code snapshot} is handed over. */
    static LogCursor at(String snapshot, FeedPosition last) {
        return new LogCursor(snapshot, null, 0, last);
    }

    boolean unfinished() {
        return upTo != null;
    }

    /** After a batch of a read up to {@code upTo}: done when the batch was not full, else continue after it. */
    LogCursor after(String upTo, boolean full, FeedPosition lastRead) {
        return full ? new LogCursor(seen, upTo, lastRead.value(), lastRead) : at(upTo, lastRead);
    }
}
