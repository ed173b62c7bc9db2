package io.chatsync.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveriesTest {

    private static final long MS = 1_000_000L;

    // Students 1 and 2 with a socket each; staff socket 100 watches thread 1, staff socket 101 watches nothing.
    private final List<Deliveries.ClientSocket> sockets = List.of(
            new Deliveries.ClientSocket(1, 1, Set.of()),
            new Deliveries.ClientSocket(2, 2, Set.of()),
            new Deliveries.ClientSocket(100, 0, Set.of(1)),
            new Deliveries.ClientSocket(101, 0, Set.of()));

    // A student's message in thread 1 (its student and all staff are entitled) and a teacher's in thread 2 (its
    // student and the staff watching thread 2: nobody).
    private final List<Deliveries.Commit> commits = List.of(
            new Deliveries.Commit(10, 1, true, 999 * MS, 999 * MS, 1_000 * MS),
            new Deliveries.Commit(11, 2, false, 1_999 * MS, 1_999 * MS, 2_000 * MS));

    @Test
    void countsWhatReachedWhomAgainstWhoWasEntitled() {
        Deliveries deliveries = new Deliveries(sockets, commits);
        deliveries.arrived(1, 10, 1, 1_003 * MS);
        deliveries.arrived(100, 10, 1, 1_005 * MS);
        deliveries.arrived(100, 10, 1, 1_006 * MS);
        deliveries.arrived(2, 11, 2, 2_002 * MS);
        deliveries.arrived(1, 11, 2, 2_002 * MS);
        deliveries.arrived(100, 11, 2, 2_004 * MS);
        deliveries.arrived(2, 99, 2, 2_004 * MS);

        assertThat(deliveries.expected()).isEqualTo(4);
        assertThat(deliveries.delivered()).isEqualTo(3);
        assertThat(deliveries.lost()).as("socket 101 never had message 10").isEqualTo(1);
        assertThat(deliveries.duplicated()).isEqualTo(1);
        assertThat(deliveries.foreign()).as("student 1 had student 2's thread").isEqualTo(1);
        assertThat(deliveries.unentitled()).as("staff 100 had a teacher's message of a thread it does not watch")
                .isEqualTo(1);
        assertThat(deliveries.stray()).isEqualTo(1);
        assertThat(deliveries.owners().count()).isEqualTo(2);
        assertThat(deliveries.owners().maxMillis()).isEqualTo(3.0);
        assertThat(deliveries.staff().count()).isEqualTo(1);
        assertThat(deliveries.staff().maxMillis()).isEqualTo(5.0);
        assertThat(deliveries.lastStaff().count()).as("message 10 never reached every staff socket").isZero();
    }

    @Test
    void theLastStaffArrivalCountsOnceEveryStaffSocketHasTheMessage() {
        Deliveries deliveries = new Deliveries(sockets, commits);
        deliveries.arrived(100, 10, 1, 1_004 * MS);
        deliveries.arrived(101, 10, 1, 1_009 * MS);

        assertThat(deliveries.lastStaff().count()).isEqualTo(1);
        assertThat(deliveries.lastStaff().maxMillis()).isEqualTo(9.0);
    }

    @Test
    void partOfAPhaseIsTheDeliveriesOfMessagesCommittedWithinIt() {
        Deliveries deliveries = new Deliveries(sockets, commits);
        deliveries.arrived(1, 10, 1, 1_003 * MS);
        deliveries.arrived(100, 10, 1, 1_005 * MS);
        deliveries.arrived(2, 11, 2, 2_040 * MS);

        assertThat(deliveries.committedWithin(0, 1_500 * MS).count()).isEqualTo(2);
        assertThat(deliveries.committedWithin(0, 1_500 * MS).maxMillis()).isEqualTo(5.0);
        assertThat(deliveries.committedWithin(1_500 * MS, 3_000 * MS).maxMillis()).isEqualTo(40.0);
        assertThat(deliveries.committedWithin(3_000 * MS, 4_000 * MS).count()).isZero();
    }
}
