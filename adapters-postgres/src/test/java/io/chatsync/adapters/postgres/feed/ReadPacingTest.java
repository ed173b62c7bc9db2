package io.chatsync.adapters.postgres.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadPacingTest {

    @Test
    void aFeedListensUntilEnoughReadsInARowWereWokenEarlyAndFoundChanges() {
        ReadPacing pacing = new ReadPacing(true);
        for (int read = 1; read < ReadPacing.BUSY_READS; read++) {
            assertThat(pacing.afterRead(true, true)).as("after busy read " + read).isTrue();
        }
        assertThat(pacing.afterRead(true, true)).isFalse();
        assertThat(pacing.listening()).isFalse();
    }

    @Test
    void aReadThatWasNotWokenEarlyOrFoundNothingStartsTheCountAgain() {
        ReadPacing pacing = new ReadPacing(true);
        busyReadsShortOfTheLimit(pacing);
        assertThat(pacing.afterRead(true, false)).as("woken by the poll interval or after the spacing").isTrue();
        busyReadsShortOfTheLimit(pacing);
        assertThat(pacing.afterRead(false, true)).as("woken early, found nothing").isTrue();
        busyReadsShortOfTheLimit(pacing);
        assertThat(pacing.afterRead(true, true)).as("the limit, reached in a row").isFalse();
    }

    @Test
    void onAScheduleItListensAgainOnlyAfterEnoughEmptyReadsInARow() {
        ReadPacing pacing = busy();
        for (int read = 1; read < ReadPacing.QUIET_READS; read++) {
            assertThat(pacing.afterRead(false, false)).as("after empty read " + read).isFalse();
        }
        assertThat(pacing.afterRead(true, false)).as("a read that found changes").isFalse();
        for (int read = 1; read < ReadPacing.QUIET_READS; read++) {
            assertThat(pacing.afterRead(false, false)).isFalse();
        }
        assertThat(pacing.afterRead(false, false)).isTrue();
        assertThat(pacing.listening()).isTrue();
    }

    @Test
    void withoutReadSpacingTheFeedAlwaysListens() {
        ReadPacing pacing = new ReadPacing(false);
        for (int read = 0; read < 10 * ReadPacing.BUSY_READS; read++) {
            assertThat(pacing.afterRead(true, true)).isTrue();
        }
    }

    private static void busyReadsShortOfTheLimit(ReadPacing pacing) {
        for (int read = 1; read < ReadPacing.BUSY_READS; read++) {
            assertThat(pacing.afterRead(true, true)).isTrue();
        }
    }

    private static ReadPacing busy() {
        ReadPacing pacing = new ReadPacing(true);
        for (int read = 0; read < ReadPacing.BUSY_READS; read++) {
            pacing.afterRead(true, true);
        }
        assertThat(pacing.listening()).isFalse();
        return pacing;
    }
}
