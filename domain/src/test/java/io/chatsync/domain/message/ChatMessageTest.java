package io.chatsync.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChatMessageTest {

    private static ChatMessage message(Sender sender, boolean readByStudent, boolean readByTeacher) {
        StudentId thread = StudentId.of(7);
        return new ChatMessage(ChatId.of(1), thread, sender, "hi", readByStudent, readByTeacher,
                Instant.parse("2026-01-01T00:00:00Z"), new StudentProfile(thread, "An", null));
    }

    @Test
    void studentReadingMarksTeacherMessagesReadByStudent() {
        ChatMessage read = message(Sender.TEACHER, false, true).readBy(ReaderSide.STUDENT);

        assertThat(read.readByStudent()).isTrue();
        assertThat(read.readByTeacher()).isTrue();
    }

    @Test
    void staffReadingMarksStudentMessagesReadByTeacher() {
        ChatMessage read = message(Sender.STUDENT, true, false).readBy(ReaderSide.STAFF);

        assertThat(read.readByTeacher()).isTrue();
        assertThat(read.readByStudent()).isTrue();
    }

    @Test
    void readingLeavesOwnSidesMessagesAlone() {
        ChatMessage own = message(Sender.STUDENT, false, false);

        assertThat(own.readBy(ReaderSide.STUDENT)).isSameAs(own);
        assertThat(own.isUnreadFor(ReaderSide.STUDENT)).isFalse();
        assertThat(own.isUnreadFor(ReaderSide.STAFF)).isTrue();
    }

    @Test
    void readingTwiceIsIdempotent() {
        ChatMessage once = message(Sender.TEACHER, false, false).readBy(ReaderSide.STUDENT);

        assertThat(once.readBy(ReaderSide.STUDENT)).isSameAs(once);
    }

    @Test
    void profileMustBelongToTheThread() {
        assertThatThrownBy(() -> new ChatMessage(ChatId.of(1), StudentId.of(7), Sender.STUDENT, "hi", false, false,
                Instant.EPOCH, new StudentProfile(StudentId.of(8), "Other", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void senderReadsTheLegacyColumnValues() {
        assertThat(Sender.fromColumn("student")).isEqualTo(Sender.STUDENT);
        assertThat(Sender.fromColumn("teacher")).isEqualTo(Sender.TEACHER);
        assertThat(Sender.TEACHER.column()).isEqualTo("teacher");
        assertThatThrownBy(() -> Sender.fromColumn("admin")).hasMessageContaining("'admin'");
    }

    @Test
    void idsArePositive() {
        assertThatThrownBy(() -> StudentId.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatId.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
