package io.chatsync.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.chatsync.application.Fixtures.ANNA;
import static io.chatsync.application.Fixtures.BAO;
import static io.chatsync.application.Fixtures.message;

import io.chatsync.application.history.HistoryPage;
import io.chatsync.application.history.LoadingThreadHistory;
import io.chatsync.application.history.ThreadHistoryQuery;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.thread.ThreadAccessDenied;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HistoryTest {

    final List<ChatMessage> thread = IntStream.rangeClosed(1, 5).mapToObj(i -> message(i, ANNA.id())).toList();
    final LoadingThreadHistory loading = new LoadingThreadHistory((student, before, limit) -> thread.stream()
            .filter(m -> before == null || m.id().value() < before.value())
            .sorted((a, b) -> Integer.compare(b.id().value(), a.id().value()))
            .limit(limit)
            .toList());

    @Test
    void pagesNewestFirstWithACursorUntilTheStart() {
        HistoryPage first = loading.load(new ThreadHistoryQuery(ANNA, ANNA.id(), null, 2));
        HistoryPage second = loading.load(new ThreadHistoryQuery(ANNA, ANNA.id(), first.nextBefore().orElseThrow(), 2));
        HistoryPage last = loading.load(new ThreadHistoryQuery(ANNA, ANNA.id(), second.nextBefore().orElseThrow(), 2));

        assertThat(first.messages()).extracting(m -> m.id().value()).containsExactly(5, 4);
        assertThat(second.messages()).extracting(m -> m.id().value()).containsExactly(3, 2);
        assertThat(last.messages()).extracting(m -> m.id().value()).containsExactly(1);
        assertThat(last.nextBefore()).isEmpty();
    }

    @Test
    void pageSizeIsBounded() {
        assertThatThrownBy(() -> new ThreadHistoryQuery(ANNA, ANNA.id(), null, 0)).hasMessageContaining("page size");
        assertThatThrownBy(() -> new ThreadHistoryQuery(ANNA, ANNA.id(), null, ThreadHistoryQuery.MAX_PAGE_SIZE + 1))
                .hasMessageContaining("page size");
    }

    @Test
    void studentMayNotLoadAnotherStudentsThread() {
        assertThatThrownBy(() -> loading.load(new ThreadHistoryQuery(BAO, ANNA.id(), null, 10)))
                .isInstanceOf(ThreadAccessDenied.class);
    }
}
