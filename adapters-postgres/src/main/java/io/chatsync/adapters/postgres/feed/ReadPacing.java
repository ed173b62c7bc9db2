package io.chatsync.adapters.postgres.feed;

/**
 * Whether the feed waits for notifications before it reads the log, or reads it on a schedule.
 *
 * <p>While commits arrive less often than the read spacing, notifications are what wakes the feed, and nothing is
 * read without a reason. Once commits arrive faster than the feed may read, every read already waits for the
 * spacing, and notifications only tell it what it knows: the listening connection's backend is still signalled
 * and woken by every commit, sends every notification, and the node parses each one. So after
 * {@link #BUSY_READS} reads in a row that each found changes and had been woken within a spacing of the read
 * before ending (or while it ran: on a busy machine a read and its hand-over can outlast the spacing), the feed
 * stops listening and reads every spacing. Once {@link #QUIET_READS} reads in a row have found nothing and
 * {@link #QUIET_NANOS} have passed since a read last found changes, it listens again. A busy database pauses its
 * commits for longer than a few spacings now and then (a slow WAL flush, writers waiting for a core); listening
 * again then would take the wake-up lease and make every writer's commit notify, and notifying commits wait their
 * turn one at a time, until eight busy reads end the lease again. Whichever way it goes, the log read is what
 * delivers; notifications only say when to read.
 */
final class ReadPacing {

    /** Reads in a row, woken early and finding changes, before the feed stops listening. */
    static final int BUSY_READS = 8;

    /** Scheduled reads in a row that found nothing, at the least, before the feed listens again. */
    static final int QUIET_READS = 4;

    /** How long, at the least, since a read last found changes before the feed listens again. */
    static final long QUIET_NANOS = 500_000_000L;

    private final boolean scheduleAllowed;
    private boolean listening = true;
    private int inARow;
    private long lastFound;

    /**
     * @param scheduleAllowed false when reads have no spacing: a schedule would then be a busy loop, so the feed
     *     always listens
     */
    ReadPacing(boolean scheduleAllowed) {
        this.scheduleAllowed = scheduleAllowed;
    }

    /** Whether the feed should be listening, as decided after the last read. */
    boolean listening() {
        return listening;
    }

    /**
     * Records a read and decides how the next is paced.
     *
     * @param foundChanges the read found log rows
     * @param wokenEarly the feed was woken for this read within the spacing after the previous read ended, or
     *     while it ran
     * @param endedNanos when the read ended, on the {@link System#nanoTime()} clock
     * @return whether the feed should be listening from now on
     */
    boolean afterRead(boolean foundChanges, boolean wokenEarly, long endedNanos) {
        if (listening) {
            inARow = scheduleAllowed && foundChanges && wokenEarly ? inARow + 1 : 0;
            if (inARow == BUSY_READS) {
                listening = false;
                inARow = 0;
                lastFound = endedNanos;
            }
        } else if (foundChanges) {
            inARow = 0;
            lastFound = endedNanos;
        } else if (++inARow >= QUIET_READS && endedNanos - lastFound >= QUIET_NANOS) {
            listening = true;
            inARow = 0;
        }
        return listening;
    }
}
