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
 * stops listening and reads every spacing. After {@link #QUIET_READS} reads in a row that find nothing, it
 * listens again. Whichever way it goes, the log read is what delivers; notifications only say when to read.
 */
final class ReadPacing {

    /** Reads in a row, woken early and finding changes, before the feed stops listening. */
    static final int BUSY_READS = 8;

    /** Scheduled reads in a row that found nothing, before the feed listens again. */
    static final int QUIET_READS = 4;

    private final boolean scheduleAllowed;
    private boolean listening = true;
    private int inARow;

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
     * @return whether the feed should be listening from now on
     */
    boolean afterRead(boolean foundChanges, boolean wokenEarly) {
        if (listening) {
            inARow = scheduleAllowed && foundChanges && wokenEarly ? inARow + 1 : 0;
            if (inARow == BUSY_READS) {
                listening = false;
                inARow = 0;
            }
        } else {
            inARow = foundChanges ? 0 : inARow + 1;
            if (inARow == QUIET_READS) {
                listening = true;
                inARow = 0;
            }
        }
        return listening;
    }
}
