package io.chatsync.adapters.postgres.feed;

import io.chatsync.application.delivery.FeedPosition;
import io.chatsync.application.delivery.LogOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a node is in the change log: every position up to {@link #after()} has been handed over, except the
 * {@link #gaps()}, positions below it that no read has found yet. A gap is a change whose transaction had not
 * committed when a read passed it (it comes later), or a position that will never hold a change (its transaction
 * rolled back). A gap is kept until its change is read, or until every transaction that could fill it has ended.
 * See docs/change-feed.md, "The cursor".
 *
 * <p>Immutable; pure, so the bookkeeping is tested without a database.
 *
 * @param after the highest position read
 * @param gaps the positions below {@code after} still awaited, as disjoint ranges in ascending order
 * @param last the highest position handed over (or the end of the log when the node started), for health checks
 */
record LogCursor(long after, List<Gap> gaps, FeedPosition last) {

    /** The bound of a gap no transaction id has been taken for yet: it is kept whatever the snapshot says. */
    static final long UNBOUNDED = Long.MAX_VALUE;

    /**
     * The positions {@code from} to {@code to} (inclusive), awaited until a read's snapshot has an {@code xmin} of
     * at least {@code endedBy}: a transaction id taken after the read that found the gap. Whatever took one of
     * these positions had its transaction id before that read, so a lower one; once the oldest transaction still
     * running is no older than {@code endedBy}, it has ended, and had it committed, that read found its change.
     */
    record Gap(long from, long to, long endedBy) {

        Gap {
            if (from > to) {
                throw new IllegalArgumentException("a gap runs from " + from + " up, not to " + to);
            }
        }
    }

    LogCursor {
        gaps = List.copyOf(gaps);
    }

    /**
     * A node's first cursor: the end of the log, and the gaps below it that transactions still running may fill,
     * not yet bounded.
     */
    static LogCursor start(long endOfLog, List<Gap> gaps) {
        return new LogCursor(endOfLog, gaps, new FeedPosition(endOfLog));
    }

    /** The lowest position this cursor still needs: its first gap, or the one after the highest read. */
    long needsFrom() {
        return gaps.stream().mapToLong(Gap::from).min().orElse(after + 1);
    }

    long[] gapStarts() {
        return gaps.stream().mapToLong(Gap::from).toArray();
    }

    long[] gapEnds() {
        return gaps.stream().mapToLong(Gap::to).toArray();
    }

    /** Whether some gap awaits a transaction id taken after it was found ({@link #bounded}). */
    boolean unbounded() {
        return gaps.stream().anyMatch(gap -> gap.endedBy() == UNBOUNDED);
    }

    /** The same cursor, its unbounded gaps bounded by {@code transactionId}, taken after they were all found. */
    LogCursor bounded(long transactionId) {
        return new LogCursor(after, gaps.stream()
                .map(gap -> gap.endedBy() == UNBOUNDED ? new Gap(gap.from(), gap.to(), transactionId) : gap)
                .toList(), last);
    }

    /**
     * The same cursor, awaiting every position up to {@code handedOut} as well: the last position the sequence
     * had handed out when the node took a wake-up lease (docs/change-feed.md, "Who is notified"). The
     * positions above {@link #after()} become one unbounded gap; their changes are read as a gap's are.
     */
    LogCursor awaitingUpTo(long handedOut) {
        if (handedOut <= after) {
            return this;
        }
        List<Gap> awaited = new ArrayList<>(gaps);
        awaited.add(new Gap(after + 1, handedOut, UNBOUNDED));
        return new LogCursor(handedOut, awaited, last);
    }

    /**
     * The cursor after a read that found {@code read} (ascending: the awaited gaps it found, then the positions
     * above {@link #after()}), at a snapshot whose oldest running transaction is {@code xmin}. Positions it passed
     * become unbounded gaps.
     */
    LogCursor next(long[] read, long xmin) {
        List<Gap> awaited = new ArrayList<>(gaps.size());
        int i = 0;
        for (Gap gap : gaps) {
            // A gap whose transactions have all ended is dropped: had one committed, this read would have found it.
            if (gap.endedBy() <= xmin) {
                continue;
            }
            long from = gap.from();
            while (i < read.length && read[i] < from) {
                i++;
            }
            for (; i < read.length && read[i] <= gap.to(); i++) {
                if (read[i] > from) {
                    awaited.add(new Gap(from, read[i] - 1, gap.endedBy()));
                }
                from = read[i] + 1;
            }
            if (from <= gap.to()) {
                awaited.add(new Gap(from, gap.to(), gap.endedBy()));
            }
        }
        long highest = after;
        for (long position : read) {
            if (position > highest) {
                if (position > highest + 1) {
                    awaited.add(new Gap(highest + 1, position - 1, UNBOUNDED));
                }
                highest = position;
            }
        }
        long lastRead = read.length == 0 ? last.value() : Math.max(last.value(), read[read.length - 1]);
        return new LogCursor(highest, awaited, new FeedPosition(lastRead));
    }

    /** The positions this cursor has handed over: every one up to {@link #after()} except its gaps. */
    LogOffset handedOver() {
        return LogOffset.of(after, gaps.stream().map(gap -> new LogOffset.Range(gap.from(), gap.to())).toList());
    }

    /**
     * What had been handed over once the change at {@code read[index]} was, in the read that moved this cursor to
     * {@code next}: the positions this cursor had and those read up to that one, except the gaps {@code next} still
     * awaits below it. Changes are handed over in position order, so the positions read after it are not had yet.
     */
    LogOffset handedOverAt(long[] read, int index, LogCursor next) {
        long position = read[index];
        long upTo = Math.max(after, position);
        List<LogOffset.Range> missing = new ArrayList<>(next.gaps.size() + 2);
        for (Gap gap : next.gaps) {
            if (gap.from() <= upTo) {
                missing.add(new LogOffset.Range(gap.from(), gap.to()));
            }
        }
        // Positions read after this one but below upTo: gaps of this cursor that the same read filled.
        int i = index + 1;
        while (i < read.length && read[i] <= upTo) {
            long from = read[i];
            while (i + 1 < read.length && read[i + 1] == read[i] + 1 && read[i + 1] <= upTo) {
                i++;
            }
            missing.add(new LogOffset.Range(from, read[i]));
            i++;
        }
        return LogOffset.of(upTo, missing);
    }
}
