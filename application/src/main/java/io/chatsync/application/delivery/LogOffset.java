package io.chatsync.application.delivery;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of change-log positions that something has had: every position up to {@link #upTo()}, except the
 * {@link #missing()} ranges below it. A node's feed has handed over such a set (its cursor: the highest position read
 * and the gaps it still awaits), and so has a client: the set of the node that sent its last event. Replaying
 * "everything after an offset" means every change whose position is not in the set. Because positions mean the same
 * on every node, so does the set.
 *
 * <p>Immutable and small: a node's gaps are the transactions still running, a handful.
 *
 * @param upTo the highest position in the set (zero: none)
 * @param missing disjoint ranges below {@code upTo}, ascending, none adjacent to another
 */
public record LogOffset(long upTo, List<Range> missing) {

    /** Nothing at all. */
    public static final LogOffset NONE = new LogOffset(0, List.of());

    /** The most missing ranges a text form may carry; more is not an offset this product wrote. */
    public static final int MAX_MISSING = 256;

    /** The positions {@code from} to {@code to}, inclusive. */
    public record Range(long from, long to) {

        public Range {
            if (from < 1 || from > to) {
                throw new IllegalArgumentException("a range of positions runs from 1 up, got " + from + "-" + to);
            }
        }
    }

    public LogOffset {
        missing = List.copyOf(missing);
        if (upTo < 0) {
            throw new IllegalArgumentException("positions are not negative, got " + upTo);
        }
        long previous = 0;
        for (Range range : missing) {
            if ((previous > 0 && range.from() <= previous + 1) || range.to() >= upTo) {
                throw new IllegalArgumentException("missing ranges are disjoint, apart, ascending and below " + upTo
                        + ", got " + missing);
            }
            previous = range.to();
        }
    }

    /** Every position up to {@code upTo}. */
    public static LogOffset upTo(long upTo) {
        return new LogOffset(upTo, List.of());
    }

    /**
     * Every position up to {@code upTo} except those of {@code missing}, which may overlap, touch and come in any
     * order. A range that reaches {@code upTo} takes the top off: the set then ends below it.
     */
    public static LogOffset of(long upTo, List<Range> missing) {
        List<Range> sorted = new ArrayList<>(missing);
        sorted.sort((a, b) -> Long.compare(a.from(), b.from()));
        List<Range> merged = new ArrayList<>();
        for (Range range : sorted) {
            if (range.from() > upTo) {
                break;
            }
            int last = merged.size() - 1;
            if (last >= 0 && range.from() <= merged.get(last).to() + 1) {
                merged.set(last, new Range(merged.get(last).from(), Math.max(merged.get(last).to(), range.to())));
            } else {
                merged.add(range);
            }
        }
        int last = merged.size() - 1;
        if (last >= 0 && merged.get(last).to() >= upTo) {
            return new LogOffset(merged.get(last).from() - 1, merged.subList(0, last));
        }
        return new LogOffset(upTo, merged);
    }

    public boolean contains(long position) {
        if (position < 1 || position > upTo) {
            return false;
        }
        for (Range range : missing) {
            if (position < range.from()) {
                return true;
            }
            if (position <= range.to()) {
                return false;
            }
        }
        return true;
    }

    /** Whether every position of {@code other} is in this set. */
    public boolean covers(LogOffset other) {
        if (other.upTo > upTo) {
            return false;
        }
        for (Range range : missing) {
            if (range.from() > other.upTo) {
                return true;
            }
            // Each position of this gap must be missing from the other set as well.
            long from = range.from();
            long to = Math.min(range.to(), other.upTo);
            for (Range theirs : other.missing) {
                if (theirs.to() < from) {
                    continue;
                }
                if (theirs.from() > from) {
                    return false;
                }
                from = theirs.to() + 1;
                if (from > to) {
                    break;
                }
            }
            if (from <= to) {
                return false;
            }
        }
        return true;
    }

    /** The positions in either set. */
    public LogOffset union(LogOffset other) {
        LogOffset high = upTo >= other.upTo ? this : other;
        LogOffset low = high == this ? other : this;
        // Missing from the union: missing from the higher set, and (below the lower one's top) from the lower too.
        List<Range> result = new ArrayList<>();
        for (Range range : high.missing) {
            if (range.from() > low.upTo) {
                result.add(range);
                continue;
            }
            long from = range.from();
            long to = range.to();
            long cut = Math.min(to, low.upTo);
            for (Range theirs : low.missing) {
                long overlapFrom = Math.max(from, theirs.from());
                long overlapTo = Math.min(cut, theirs.to());
                if (overlapFrom <= overlapTo) {
                    result.add(new Range(overlapFrom, overlapTo));
                }
            }
            if (to > low.upTo) {
                result.add(new Range(low.upTo + 1, to));
            }
        }
        return of(high.upTo, result);
    }

    /** The positions of this set up to {@code position}. */
    public LogOffset through(long position) {
        return position >= upTo ? this : of(position, missing);
    }

    /** The lowest position not in the set. */
    public long firstAbsent() {
        return missing.isEmpty() ? upTo + 1 : missing.get(0).from();
    }

    /** {@code 120} or {@code 120:95-96,118-118}. */
    public String text() {
        if (missing.isEmpty()) {
            return Long.toString(upTo);
        }
        StringBuilder text = new StringBuilder().append(upTo).append(':');
        for (int i = 0; i < missing.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(missing.get(i).from()).append('-').append(missing.get(i).to());
        }
        return text.toString();
    }

    /**
     * Reads {@link #text()}.
     *
     * @throws IllegalArgumentException when {@code text} is not one, or carries more than {@link #MAX_MISSING} ranges
     */
    public static LogOffset parse(String text) {
        int colon = text.indexOf(':');
        try {
            long upTo = Long.parseLong(colon < 0 ? text : text.substring(0, colon));
            if (colon < 0) {
                return upTo(upTo);
            }
            String[] ranges = text.substring(colon + 1).split(",", MAX_MISSING + 1);
            if (ranges.length > MAX_MISSING) {
                throw new IllegalArgumentException("more than " + MAX_MISSING + " missing ranges");
            }
            List<Range> missing = new ArrayList<>(ranges.length);
            for (String range : ranges) {
                int dash = range.indexOf('-');
                missing.add(new Range(Long.parseLong(range.substring(0, dash)), Long.parseLong(range.substring(dash + 1))));
            }
            return new LogOffset(upTo, missing);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a log offset: " + e.getMessage(), e);
        }
    }
}
