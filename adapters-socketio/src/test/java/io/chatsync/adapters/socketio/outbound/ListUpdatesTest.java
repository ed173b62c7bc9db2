package io.chatsync.adapters.socketio.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatsync.domain.message.StudentId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListUpdatesTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    private long now = 1_000_000_000L;
    private final List<Scheduled> timer = new ArrayList<>();
    private final List<Set<StudentId>> announced = new ArrayList<>();
    private final ListUpdates updates = new ListUpdates(INTERVAL, () -> now,
            (task, delay) -> timer.add(new Scheduled(task, delay)), announced::add);

    private record Scheduled(Runnable task, Duration delay) {
    }

    @Test
    void theFirstChangeAfterAQuietIntervalIsAnnouncedAtOnce() {
        updates.changed(List.of(StudentId.of(1)));

        assertThat(announced).containsExactly(Set.of(StudentId.of(1)));
        assertThat(timer).isEmpty();

        now += INTERVAL.toNanos();
        updates.changed(List.of(StudentId.of(2)));
        assertThat(announced).containsExactly(Set.of(StudentId.of(1)), Set.of(StudentId.of(2)));
        assertThat(timer).isEmpty();
    }

    @Test
    void changesWithinTheIntervalAreAnnouncedTogetherAtItsEnd() {
        updates.changed(List.of(StudentId.of(1)));
        now += Duration.ofMillis(30).toNanos();
        updates.changed(List.of(StudentId.of(2), StudentId.of(3)));
        now += Duration.ofMillis(30).toNanos();
        updates.changed(List.of(StudentId.of(2), StudentId.of(4)));

        assertThat(announced).as("nothing more until the interval has passed").hasSize(1);
        assertThat(timer).as("one announcement scheduled, for the interval's end").hasSize(1);
        assertThat(timer.get(0).delay()).isEqualTo(Duration.ofMillis(70));

        now += Duration.ofMillis(70).toNanos();
        timer.remove(0).task().run();
        assertThat(announced).containsExactly(Set.of(StudentId.of(1)),
                Set.of(StudentId.of(2), StudentId.of(3), StudentId.of(4)));

        // The next interval counts from that announcement.
        now += Duration.ofMillis(10).toNanos();
        updates.changed(List.of(StudentId.of(5)));
        assertThat(announced).hasSize(2);
        assertThat(timer).singleElement().extracting(Scheduled::delay).isEqualTo(Duration.ofMillis(90));
    }

    @Test
    void aBatchThatChangedNoThreadAnnouncesNothing() {
        updates.changed(List.of());

        assertThat(announced).isEmpty();
        assertThat(timer).isEmpty();
    }

    @Test
    void aZeroIntervalAnnouncesEveryBatch() {
        ListUpdates everyBatch = new ListUpdates(Duration.ZERO, () -> now,
                (task, delay) -> timer.add(new Scheduled(task, delay)), announced::add);

        everyBatch.changed(List.of(StudentId.of(1)));
        everyBatch.changed(List.of(StudentId.of(1)));

        assertThat(announced).containsExactly(Set.of(StudentId.of(1)), Set.of(StudentId.of(1)));
        assertThat(timer).isEmpty();
    }

    @Test
    void aFailedScheduledAnnouncementDoesNotStopTheNextOnes() {
        List<Set<StudentId>> attempts = new ArrayList<>();
        ListUpdates failingOnce = new ListUpdates(INTERVAL, () -> now,
                (task, delay) -> timer.add(new Scheduled(task, delay)), threads -> {
                    attempts.add(threads);
                    if (attempts.size() == 2) {
                        throw new IllegalStateException("index changed under the announcement");
                    }
                });
        failingOnce.changed(List.of(StudentId.of(1)));
        failingOnce.changed(List.of(StudentId.of(2)));
        now += INTERVAL.toNanos();
        timer.remove(0).task().run();

        now += INTERVAL.toNanos();
        failingOnce.changed(List.of(StudentId.of(3)));

        assertThat(attempts).containsExactly(Set.of(StudentId.of(1)), Set.of(StudentId.of(2)),
                Set.of(StudentId.of(3)));
    }

    @Test
    void aNegativeIntervalIsRefused() {
        assertThatThrownBy(() -> new ListUpdates(Duration.ofMillis(-1), () -> now, (task, delay) -> { },
                threads -> { })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not negative");
    }
}
