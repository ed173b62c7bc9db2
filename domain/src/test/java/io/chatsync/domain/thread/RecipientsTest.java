package io.chatsync.domain.thread;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecipientsTest {

    final Participant.Student anna = Participant.student(1);
    final Participant.Student bao = Participant.student(2);
    final Participant.Staff teacher = Participant.staff("t");
    final Set<StudentId> watchingNothing = Set.of();
    final Set<StudentId> watchingAnna = Set.of(anna.id());

    @Test
    void aStudentsMessageReachesThemAndEveryStaffButNoOtherStudent() {
        Recipients recipients = Recipients.ofNewMessage(anna.id(), Side.STUDENT);

        assertThat(recipients.include(anna, watchingNothing)).isTrue();
        assertThat(recipients.include(teacher, watchingNothing)).isTrue();
        assertThat(recipients.include(teacher, watchingAnna)).isTrue();
        assertThat(recipients.include(bao, watchingNothing)).isFalse();
    }

    @Test
    void aTeachersReplyReachesTheStudentAndOnlyStaffWatchingTheThread() {
        Recipients recipients = Recipients.ofNewMessage(anna.id(), Side.STAFF);

        assertThat(recipients.include(anna, watchingNothing)).isTrue();
        assertThat(recipients.include(teacher, watchingAnna)).isTrue();
        assertThat(recipients.include(teacher, Set.of(bao.id()))).isFalse();
        assertThat(recipients.include(bao, watchingNothing)).isFalse();
    }

    @Test
    void readReceiptsReachTheThreadsRoomOnly() {
        Recipients recipients = Recipients.ofReadReceipt(anna.id());

        assertThat(recipients.include(anna, watchingNothing)).isTrue();
        assertThat(recipients.include(teacher, watchingAnna)).isTrue();
        assertThat(recipients.include(teacher, watchingNothing)).isFalse();
        assertThat(recipients.include(bao, watchingNothing)).isFalse();
    }

    @Test
    void conversationListChangesReachEveryStaffAndTheThreadsStudentOnly() {
        Recipients recipients = Recipients.ofConversationListChange(anna.id());

        assertThat(recipients.include(teacher, watchingNothing)).isTrue();
        assertThat(recipients.include(anna, watchingNothing)).isTrue();
        assertThat(recipients.include(bao, watchingNothing)).isFalse();
    }

    @Test
    void aStudentWatchingAnotherThreadStillHearsNothingOfIt() {
        assertThat(Recipients.ofNewMessage(anna.id(), Side.STAFF).include(bao, watchingAnna)).isFalse();
    }
}
