package io.chatsync.adapters.postgres.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadPacingTest {

    private static final long SPACING = 5_000_000L;

    /** When the current read ended: reads are {@link #SPACING} apart. */
    private long now;

    private boolean read(ReadPacing pacing, boolean foundChanges, boolean wokenEarly) {
        now += SPACING;
        return pacing.afterRead(foundChanges, wokenEarly, now);
    }

    @Test
    void aFeedListensUntilEnoughReadsInARowWereWokenEarlyAndFoundChanges() {
        ReadPacing pacing = new ReadPacing(true);
        for (int read = 1; read < ReadPacing.BUSY_READS; read++) {
            assertThat(read(pacing, true, true)).as("after busy read " + read).isTrue();
        }
        assertThat(read(pacing, true, true)).isFalse();
        assertThat(pacing.listening()).isFalse();
    }

    @Test
    void aReadThatWasNotWokenEarlyOrFoundNothingStartsTheCountAgain() {
        ReadPacing pacing = new ReadPacing(true);
        busyReadsShortOfTheLimit(pacing);
        assertThat(read(pacing, true, false)).as("woken by the poll interval or after the spacing").isTrue();
        busyReadsShortOfTheLimit(pacing);
        assertThat(read(pacing, false, true)).as("woken early, found nothing").isTrue();
        busyReadsShortOfTheLimit(pacing);
        assertThat(read(pacing, true, true)).as("the limit, reached in a row").isFalse();
    }

    @Test
    void onAScheduleItListensAgainOnlyOnceNothingWasFoundForTheQuietTime() {
        ReadPacing pacing = busy();
        int quietReads = (int) (ReadPacing.QUIET_NANOS / SPACING);
        for (int read = 1; read < quietReads; read++) {
            assertThat(read(pacing, false, false)).as("after empty read " + read).isFalse();
        }
        assertThat(read(pacing, true, false)).as("a read that found changes").isFalse();
        for (int read = 1; read < quietReads; read++) {
            assertThat(read(pacing, false, false)).as("empty again, read " + read).isFalse();
        }
        assertThat(read(pacing, false, false)).as("the quiet time since changes were last found").isTrue();
        assertThat(pacing.listening()).isTrue();
    }

    @Test
    void aPauseInCommitsShorterThanTheQuietTimeKeepsTheSchedule() {
        ReadPacing pacing = busy();
        // Commits stop for 100 ms, twenty reads at this spacing: a slow WAL flush on a busy database.
        for (int read = 1; read <= 20; read++) {
            assertThat(read(pacing, false, false)).as("after empty read " + read).isFalse();
        }
        assertThat(read(pacing, true, false)).isFalse();
        assertThat(pacing.listening()).isFalse();
    }

    @Test
    void readsSlowerThanTheQuietTimeStillNeedSeveralEmptyOnesInARow() {
        ReadPacing pacing = busy();
        for (int read = 1; read < ReadPacing.QUIET_READS; read++) {
            now += ReadPacing.QUIET_NANOS;
            assertThat(pacing.afterRead(false, false, now)).as("after empty read " + read).isFalse();
        }
        now += ReadPacing.QUIET_NANOS;
        assertThat(pacing.afterRead(false, false, now)).isTrue();
    }

    @Test
    void withoutReadSpacingTheFeedAlwaysListens() {
        ReadPacing pacing = new ReadPacing(false);
        for (int read = 0; read < 10 * ReadPacing.BUSY_READS; read++) {
            assertThat(read(pacing, true, true)).isTrue();
        }
    }

    private void busyReadsShortOfTheLimit(ReadPacing pacing) {
        for (int read = 1; read < ReadPacing.BUSY_READS; read++) {
            assertThat(read(pacing, true, true)).isTrue();
        }
    }

    private ReadPacing busy() {
        ReadPacing pacing = new ReadPacing(true);
        for (int read = 0; read < ReadPacing.BUSY_READS; read++) {
            read(pacing, true, true);
        }
        assertThat(pacing.listening()).isFalse();
        return pacing;
    }
}
