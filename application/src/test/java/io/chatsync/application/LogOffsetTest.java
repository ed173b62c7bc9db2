package io.chatsync.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatsync.application.delivery.LogOffset;
import io.chatsync.application.delivery.LogOffset.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The set of positions a client has had, checked against plain sets of numbers. */
class LogOffsetTest {

    private static final int TOP = 40;

    @Test
    void aSetIsEveryPositionUpToItsTopButTheMissingOnes() {
        LogOffset offset = LogOffset.of(10, List.of(new Range(3, 4), new Range(8, 8)));

        assertThat(positions(offset)).containsExactly(1L, 2L, 5L, 6L, 7L, 9L, 10L);
        assertThat(offset.firstAbsent()).isEqualTo(3);
        assertThat(offset.text()).isEqualTo("10:3-4,8-8");
        assertThat(LogOffset.parse("10:3-4,8-8")).isEqualTo(offset);
        assertThat(LogOffset.parse("7")).isEqualTo(LogOffset.upTo(7));
    }

    @Test
    void aMissingRangeAtTheTopLowersTheTop() {
        // A node that awaits every position it took a lease up to: the top itself is not had.
        assertThat(LogOffset.of(10, List.of(new Range(2, 2), new Range(6, 10)))).isEqualTo(
                new LogOffset(5, List.of(new Range(2, 2))));
        assertThat(LogOffset.of(10, List.of(new Range(1, 12)))).isEqualTo(LogOffset.NONE);
    }

    @Test
    void unionCoversAndThroughAgreeWithPlainSets() {
        Random random = new Random(20261206);
        for (int i = 0; i < 5_000; i++) {
            LogOffset a = randomOffset(random);
            LogOffset b = randomOffset(random);
            Set<Long> both = new TreeSet<>(positions(a));
            both.addAll(positions(b));

            assertThat(positions(a.union(b))).as("%s ∪ %s", a.text(), b.text()).isEqualTo(both);
            assertThat(a.covers(b)).as("%s ⊇ %s", a.text(), b.text()).isEqualTo(positions(a).containsAll(positions(b)));
            long cut = random.nextInt(TOP + 2);
            assertThat(positions(a.through(cut))).isEqualTo(new TreeSet<>(positions(a).headSet(cut + 1)));
            assertThat(LogOffset.parse(a.text())).isEqualTo(a);
        }
    }

    @Test
    void textThatIsNotAnOffsetIsRefused() {
        assertThatThrownBy(() -> LogOffset.parse("ten")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogOffset.parse("10:4-3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogOffset.parse("10:3-4,4-5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogOffset.parse("10:9-10")).isInstanceOf(IllegalArgumentException.class);
        StringBuilder many = new StringBuilder("100000:");
        for (int i = 0; i <= LogOffset.MAX_MISSING; i++) {
            many.append(i == 0 ? "" : ",").append(i * 3 + 1).append('-').append(i * 3 + 1);
        }
        assertThatThrownBy(() -> LogOffset.parse(many.toString())).isInstanceOf(IllegalArgumentException.class);
    }

    private static LogOffset randomOffset(Random random) {
        int top = random.nextInt(TOP);
        List<Range> missing = new ArrayList<>();
        for (int j = random.nextInt(5); j > 0 && top > 0; j--) {
            long from = 1 + random.nextInt(top);
            missing.add(new Range(from, from + random.nextInt(4)));
        }
        return LogOffset.of(top, missing);
    }

    private static TreeSet<Long> positions(LogOffset offset) {
        TreeSet<Long> positions = new TreeSet<>();
        for (long position = 1; position <= TOP + 10; position++) {
            if (offset.contains(position)) {
                positions.add(position);
            }
        }
        return positions;
    }
}
