package io.chatsync.adapters.postgres.feed;

import io.chatsync.application.delivery.FeedPosition;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a node is in the change log: every position up to {@link #after()} has been handed over, except the
 * {@link #gaps()}, positions below it that no read has found yet. A gap is a change whose transaction had not
 * committed when a read passed it (it comes later), or a position that will never hold a change (its transaction
 * rolled back). A gap is kept until its change is read, or until every transaction that was running when the gap
 * was found has ended: then it can no longer fill. See docs/change-feed.md, "The cursor".
 *
 * <p>Immutable; pure, so the bookkeeping is tested without a database.
 *
 * @param after the highest position read
 * @param gaps the positions below {@code after} still awaited, as disjoint ranges in ascending order
 * @param last the last position handed over (or the end of the log when the node started), for health checks
 */
record LogCursor(long after, List<Gap> gaps, FeedPosition last) {

    /**
     * The positions {@code from} to {@code to} (inclusive), not found by a read whose snapshot's {@code xmax} was
     * {@code foundBefore}: whatever took them had a transaction id below it, so once the oldest transaction still
     * running has an id of at least {@code foundBefore}, they are filled or never will be.
     */
    record Gap(long from, long to, long foundBefore) {

        Gap {
            if (from > to) {
                throw new IllegalArgumentException("a gap runs from " + from + " up, not to " + to);
            }
        }
    }

    LogCursor {
        gaps = List.copyOf(gaps);
    }

    /** A node's first cursor: the end of the log, and the gaps below it that transactions still running may fill. */
    static LogCursor start(long endOfLog, List<Gap> gaps) {
        return new LogCursor(endOfLog, gaps, new FeedPosition(endOfLog));
    }

    long[] gapStarts() {
        return gaps.stream().mapToLong(Gap::from).toArray();
    }

    long[] gapEnds() {
        return gaps.stream().mapToLong(Gap::to).toArray();
    }

    /**
     * The cursor after a read that found {@code read} (ascending: the awaited gaps it found, then the positions
     * above {@link #after()}), at a snapshot whose oldest running transaction is {@code xmin} and whose next
     * transaction id is {@code xmax}.
     */
    LogCursor next(long[] read, long xmin, long xmax) {
        List<Gap> awaited = new ArrayList<>(gaps.size());
        int i = 0;
        for (Gap gap : gaps) {
            // A gap whose transactions have all ended is dropped: had one committed, this read would have found it.
            if (gap.foundBefore() <= xmin) {
                continue;
            }
            long from = gap.from();
            while (i < read.length && read[i] < from) {
                i++;
            }
            for (; i < read.length && read[i] <= gap.to(); i++) {
                if (read[i] > from) {
                    awaited.add(new Gap(from, read[i] - 1, gap.foundBefore()));
                }
                from = read[i] + 1;
            }
            if (from <= gap.to()) {
                awaited.add(new Gap(from, gap.to(), gap.foundBefore()));
            }
        }
        long highest = after;
        for (long position : read) {
            if (position > highest) {
                if (position > highest + 1) {
                    awaited.add(new Gap(highest + 1, position - 1, xmax));
                }
                highest = position;
            }
        }
        FeedPosition lastRead = read.length == 0 ? last : new FeedPosition(read[read.length - 1]);
        return new LogCursor(highest, awaited, lastRead);
    }
}
