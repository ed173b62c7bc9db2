package io.chatsync.domain.thread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatsync.domain.message.BodyPolicy;
import io.chatsync.domain.message.MessageBody;
import io.chatsync.domain.message.MessagePosted;
import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.message.ThreadRead;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ChatThreadTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30.123Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final MessageBody body = BodyPolicy.standard().accept("hello");
    private final Participant.Student anna = Participant.student(1);
    private final Participant.Student bao = Participant.student(2);
    private final Participant.Staff teacher = Participant.staff("t-9");

    @Test
    void studentSeesOnlyTheirOwnThread() {
        assertThat(ThreadAccess.maySee(anna, anna.id())).isTrue();
        assertThat(ThreadAccess.maySee(anna, bao.id())).isFalse();
        assertThatThrownBy(() -> new ChatThread(bao.id(), anna)).isInstanceOf(ThreadAccessDenied.class);
    }

    @Test
    void staffSeeEveryThread() {
        assertThat(ThreadAccess.maySee(teacher, anna.id())).isTrue();
        assertThat(ThreadAccess.maySee(teacher, StudentId.of(12345))).isTrue();
    }

    @Test
    void studentPostsAsStudentIntoTheirOwnThreadAtTheClocksTime() {
        MessagePosted posted = new ChatThread(anna.id(), anna).post(body, null, clock);

        assertThat(posted).isEqualTo(new MessagePosted(anna.id(), Side.STUDENT, body, NOW));
    }

    @Test
    void studentMayNotPostAsTeacher() {
        ChatThread own = new ChatThread(anna.id(), anna);

        assertThatThrownBy(() -> own.post(body, Side.STAFF, clock))
                .isInstanceOf(ThreadAccessDenied.class)
                .hasMessageContaining("as 'student'");
        assertThat(own.post(body, Side.STUDENT, clock).sender()).isEqualTo(Side.STUDENT);
    }

    @Test
    void staffPostAsTeacherIntoAnyThread() {
        MessagePosted posted = new ChatThread(bao.id(), teacher).post(body, null, clock);

        assertThat(posted.sender()).isEqualTo(Side.STAFF);
        assertThat(posted.thread()).isEqualTo(bao.id());
        assertThatThrownBy(() -> new ChatThread(bao.id(), teacher).post(body, Side.STUDENT, clock))
                .isInstanceOf(ThreadAccessDenied.class);
    }

    @Test
    void readingNamesTheReadersSide() {
        ThreadRead byStudent = new ChatThread(anna.id(), anna).read(clock);
        ThreadRead byStaff = new ChatThread(anna.id(), teacher).read(clock);

        assertThat(byStudent).isEqualTo(new ThreadRead(anna.id(), Side.STUDENT, NOW));
        assertThat(byStaff.reader()).isEqualTo(Side.STAFF);
        assertThat(Side.STUDENT.other()).isEqualTo(Side.STAFF);
        assertThat(Side.STAFF.other()).isEqualTo(Side.STUDENT);
    }

    @Test
    void studentMayNotReadAnotherStudentsThread() {
        assertThatThrownBy(() -> new ChatThread(anna.id(), bao).read(clock)).isInstanceOf(ThreadAccessDenied.class);
    }
}
