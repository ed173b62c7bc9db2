package io.chatsync.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChatMessageTest {

    private static ChatMessage message(Side sender, boolean readByStudent, boolean readByTeacher) {
        StudentId thread = StudentId.of(7);
        return new ChatMessage(ChatId.of(1), thread, sender, "hi", readByStudent, readByTeacher,
                Instant.parse("2026-01-01T00:00:00Z"), new StudentProfile(thread, "An", null));
    }

    @Test
    void studentReadingMarksTeacherMessagesReadByStudent() {
        ChatMessage read = message(Side.STAFF, false, true).readBy(Side.STUDENT);

        assertThat(read.readByStudent()).isTrue();
        assertThat(read.readByTeacher()).isTrue();
    }

    @Test
    void staffReadingMarksStudentMessagesReadByTeacher() {
        ChatMessage read = message(Side.STUDENT, true, false).readBy(Side.STAFF);

        assertThat(read.readByTeacher()).isTrue();
        assertThat(read.readByStudent()).isTrue();
    }

    @Test
    void readingLeavesOwnSidesMessagesAlone() {
        ChatMessage own = message(Side.STUDENT, false, false);

        assertThat(own.readBy(Side.STUDENT)).isSameAs(own);
        assertThat(own.isUnreadFor(Side.STUDENT)).isFalse();
        assertThat(own.isUnreadFor(Side.STAFF)).isTrue();
    }

    @Test
    void readingTwiceIsIdempotent() {
        ChatMessage once = message(Side.STAFF, false, false).readBy(Side.STUDENT);

        assertThat(once.readBy(Side.STUDENT)).isSameAs(once);
    }

    @Test
    void profileMustBelongToTheThread() {
        assertThatThrownBy(() -> new ChatMessage(ChatId.of(1), StudentId.of(7), Side.STUDENT, "hi", false, false,
                Instant.EPOCH, new StudentProfile(StudentId.of(8), "Other", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void senderReadsTheLegacyColumnValues() {
        assertThat(Side.fromSenderColumn("student")).isEqualTo(Side.STUDENT);
        assertThat(Side.fromSenderColumn("teacher")).isEqualTo(Side.STAFF);
        assertThat(Side.STAFF.senderColumn()).isEqualTo("teacher");
        assertThatThrownBy(() -> Side.fromSenderColumn("admin")).hasMessageContaining("'admin'");
    }

    @Test
    void idsArePositive() {
        assertThatThrownBy(() -> StudentId.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatId.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
