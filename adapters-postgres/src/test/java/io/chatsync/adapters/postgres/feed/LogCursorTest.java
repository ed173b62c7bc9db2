package io.chatsync.adapters.postgres.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.chatsync.adapters.postgres.feed.LogCursor.Gap;
import io.chatsync.application.delivery.FeedPosition;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogCursorTest {

    @Test
    void positionsSkippedOnTheWayUpBecomeGapsFoundBeforeTheReadsNextTransactionId() {
        LogCursor cursor = LogCursor.start(10, List.of()).next(new long[] {11, 14, 15, 19}, 500, 520);

        assertThat(cursor.after()).isEqualTo(19);
        assertThat(cursor.gaps()).containsExactly(new Gap(12, 13, 520), new Gap(16, 18, 520));
        assertThat(cursor.last()).isEqualTo(new FeedPosition(19));
    }

    @Test
    void aGapFilledInTheMiddleIsSplitAndKeepsWhenItWasFound() {
        LogCursor cursor = new LogCursor(30, List.of(new Gap(12, 18, 520)), new FeedPosition(30));

        LogCursor next = cursor.next(new long[] {12, 15, 31}, 510, 530);

        assertThat(next.gaps()).containsExactly(new Gap(13, 14, 520), new Gap(16, 18, 520));
        assertThat(next.after()).isEqualTo(31);
        assertThat(next.gapStarts()).containsExactly(13, 16);
        assertThat(next.gapEnds()).containsExactly(14, 18);
    }

    @Test
    void aGapIsDroppedOnceTheOldestRunningTransactionStartedAfterItWasFound() {
        LogCursor cursor = new LogCursor(30, List.of(new Gap(12, 12, 520), new Gap(20, 21, 525)),
                new FeedPosition(30));

        assertThat(cursor.next(new long[0], 519, 540).gaps()).hasSize(2);
        assertThat(cursor.next(new long[0], 520, 540).gaps()).containsExactly(new Gap(20, 21, 525));
        assertThat(cursor.next(new long[0], 525, 540).gaps()).isEmpty();
    }

    @Test
    void aReadThatFindsNothingLeavesTheCursorWhereItWas() {
        LogCursor cursor = new LogCursor(30, List.of(new Gap(12, 12, 520)), new FeedPosition(29));

        assertThat(cursor.next(new long[0], 510, 540)).isEqualTo(cursor);
    }

    @Test
    void aGapRunsUpward() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Gap(5, 4, 1));
    }
}
