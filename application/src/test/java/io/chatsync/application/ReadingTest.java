package io.chatsync.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.chatsync.application.Fixtures.ANNA;
import static io.chatsync.application.Fixtures.BAO;
import static io.chatsync.application.Fixtures.CLOCK;
import static io.chatsync.application.Fixtures.NOW;
import static io.chatsync.application.Fixtures.TEACHER;

import io.chatsync.application.reading.MarkThreadReadCommand;
import io.chatsync.application.reading.MarkingThreadRead;
import io.chatsync.application.reading.ThreadMarkedRead;
import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.ThreadRead;
import io.chatsync.domain.thread.ThreadAccessDenied;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadingTest {

    final List<ThreadRead> reads = new ArrayList<>();
    final MarkingThreadRead marking = new MarkingThreadRead(read -> {
        reads.add(read);
        return List.of(ChatId.of(3));
    }, CLOCK);

    @Test
    void marksAsTheReadersSide() {
        ThreadMarkedRead result = marking.markRead(new MarkThreadReadCommand(TEACHER, ANNA.id()));

        assertThat(reads).containsExactly(new ThreadRead(ANNA.id(), Side.STAFF, NOW));
        assertThat(result.marked()).containsExactly(ChatId.of(3));
    }

    @Test
    void studentMayNotMarkAnotherStudentsThread() {
        assertThatThrownBy(() -> marking.markRead(new MarkThreadReadCommand(BAO, ANNA.id())))
                .isInstanceOf(ThreadAccessDenied.class);
        assertThat(reads).isEmpty();
    }
}
