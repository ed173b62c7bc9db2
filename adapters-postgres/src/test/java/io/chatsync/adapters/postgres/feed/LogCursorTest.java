package io.chatsync.adapters.postgres.feed;

import static io.chatsync.adapters.postgres.feed.LogCursor.UNBOUNDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.chatsync.adapters.postgres.feed.LogCursor.Gap;
import io.chatsync.application.delivery.FeedPosition;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogCursorTest {

    @Test
    void positionsSkippedOnTheWayUpBecomeGapsThatNoSnapshotEndsUntilTheyAreBounded() {
        LogCursor cursor = LogCursor.start(10, List.of()).next(new long[] {11, 14, 15, 19}, 500);

        assertThat(cursor.after()).isEqualTo(19);
        assertThat(cursor.gaps()).containsExactly(new Gap(12, 13, UNBOUNDED), new Gap(16, 18, UNBOUNDED));
        assertThat(cursor.last()).isEqualTo(new FeedPosition(19));
        assertThat(cursor.unbounded()).isTrue();
        assertThat(cursor.next(new long[0], 1_000_000).gaps()).hasSize(2);

        LogCursor bounded = cursor.bounded(530);
        assertThat(bounded.unbounded()).isFalse();
        assertThat(bounded.gaps()).containsExactly(new Gap(12, 13, 530), new Gap(16, 18, 530));
    }

    @Test
    void boundingLeavesGapsBoundedBeforeAsTheyWere() {
        LogCursor cursor = new LogCursor(30, List.of(new Gap(12, 12, 520), new Gap(20, 21, UNBOUNDED)),
                new FeedPosition(30));

        assertThat(cursor.bounded(540).gaps()).containsExactly(new Gap(12, 12, 520), new Gap(20, 21, 540));
    }

    @Test
    void aGapFilledInTheMiddleIsSplitAndKeepsItsBound() {
        LogCursor cursor = new LogCursor(30, List.of(new Gap(12, 18, 520)), new FeedPosition(30));

        LogCursor next = cursor.next(new long[] {12, 15, 31}, 510);

        assertThat(next.gaps()).containsExactly(new Gap(13, 14, 520), new Gap(16, 18, 520));
        assertThat(next.after()).isEqualTo(31);
        assertThat(next.gapStarts()).containsExactly(13, 16);
        assertThat(next.gapEnds()).containsExactly(14, 18);
    }

    @Test
    void aGapIsDroppedOnceTheOldestRunningTransactionIsNoOlderThanItsBound() {
        LogCursor cursor = new LogCursor(30, List.of(new Gap(12, 12, 520), new Gap(20, 21, 525)),
                new FeedPosition(30));

        assertThat(cursor.next(new long[0], 519).gaps()).hasSize(2);
        assertThat(cursor.next(new long[0], 520).gaps()).containsExactly(new Gap(20, 21, 525));
        assertThat(cursor.next(new long[0], 525).gaps()).isEmpty();
    }

    @Test
    void aReadThatOnlyFillsGapsLeavesTheHighestPositionHandedOverWhereItWas() {
        LogCursor cursor = new LogCursor(30, List.of(new Gap(12, 12, 520)), new FeedPosition(30));

        LogCursor next = cursor.next(new long[] {12}, 510);

        assertThat(next.gaps()).isEmpty();
        assertThat(next.last()).isEqualTo(new FeedPosition(30));
        assertThat(cursor.next(new long[0], 510)).isEqualTo(cursor);
    }

    @Test
    void aGapRunsUpward() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Gap(5, 4, 1));
    }

    @Test
    void positionsHandedOutAboveTheHighestReadAreAwaitedAsOneUnboundedGapThatTheNextReadsFill() {
        LogCursor cursor = new LogCursor(30, List.of(new Gap(12, 12, 520)), new FeedPosition(30));

        assertThat(cursor.awaitingUpTo(30)).isSameAs(cursor);
        assertThat(cursor.awaitingUpTo(25)).isSameAs(cursor);
        LogCursor awaiting = cursor.awaitingUpTo(34);
        assertThat(awaiting.after()).isEqualTo(34);
        assertThat(awaiting.gaps()).containsExactly(new Gap(12, 12, 520), new Gap(31, 34, UNBOUNDED));
        assertThat(awaiting.last()).isEqualTo(new FeedPosition(30));

        LogCursor next = awaiting.next(new long[] {32, 34, 35}, 510);
        assertThat(next.gaps()).containsExactly(new Gap(12, 12, 520), new Gap(31, 31, UNBOUNDED),
                new Gap(33, 33, UNBOUNDED));
        assertThat(next.after()).isEqualTo(35);
        assertThat(next.last()).isEqualTo(new FeedPosition(35));
    }

    @Test
    void eachChangeReadIsHandedOverWithWhatWasHadOnceItWas() {
        LogCursor cursor = new LogCursor(10, List.of(new Gap(5, 6, 520)), new FeedPosition(10));
        long[] read = {5, 11, 13};
        LogCursor next = cursor.next(read, 500);

        // The gap's 6 is still awaited, and so is 12, passed on the way up.
        assertThat(cursor.handedOverAt(read, 0, next).text()).isEqualTo("10:6-6");
        assertThat(cursor.handedOverAt(read, 1, next).text()).isEqualTo("11:6-6");
        assertThat(cursor.handedOverAt(read, 2, next).text()).isEqualTo("13:6-6,12-12");
        assertThat(next.handedOver().text()).isEqualTo("13:6-6,12-12");
    }

    @Test
    void gapChangesReadInOneBatchAreNotHadBeforeTheirTurn() {
        // A lease awaits every position up to the one handed out (8 of them here, 3 to 10).
        LogCursor cursor = new LogCursor(10, List.of(new Gap(3, 10, UNBOUNDED)), new FeedPosition(2));
        long[] read = {4, 5, 7};
        LogCursor next = cursor.next(read, 500);

        // The top of the lease is still awaited, so each set ends at the change itself.
        assertThat(cursor.handedOverAt(read, 0, next).text()).isEqualTo("4:3-3");
        assertThat(cursor.handedOverAt(read, 1, next).text()).isEqualTo("5:3-3");
        assertThat(cursor.handedOverAt(read, 2, next).text()).isEqualTo("7:3-3,6-6");
        assertThat(next.handedOver().text()).isEqualTo("7:3-3,6-6");
        assertThat(cursor.handedOverAt(read, 1, next).covers(cursor.handedOverAt(read, 0, next))).isTrue();
    }

    @Test
    void gapChangesReadInOneBatchBelowTheTopCountOneByOne() {
        LogCursor cursor = new LogCursor(10, List.of(new Gap(3, 8, 520)), new FeedPosition(10));
        long[] read = {4, 5, 7};
        LogCursor next = cursor.next(read, 500);

        assertThat(cursor.handedOverAt(read, 0, next).text()).isEqualTo("10:3-3,5-8");
        assertThat(cursor.handedOverAt(read, 1, next).text()).isEqualTo("10:3-3,6-8");
        assertThat(cursor.handedOverAt(read, 2, next).text()).isEqualTo("10:3-3,6-6,8-8");
    }
}
