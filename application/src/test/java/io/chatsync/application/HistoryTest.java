package io.chatsync.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.chatsync.application.Fixtures.*;

import io.chatsync.application.conversations.Conversation;
import io.chatsync.application.conversations.ConversationListQuery;
import io.chatsync.application.conversations.ConversationPage;
import io.chatsync.application.conversations.CountingUnread;
import io.chatsync.application.conversations.ListingConversations;
import io.chatsync.application.conversations.NotStaffException;
import io.chatsync.application.history.HistoryPage;
import io.chatsync.application.history.LoadingThreadHistory;
import io.chatsync.application.history.ThreadHistoryQuery;
import io.chatsync.application.posting.PostMessageCommand;
import io.chatsync.application.posting.PostingMessage;
import io.chatsync.application.reading.MarkThreadReadCommand;
import io.chatsync.application.reading.MarkingThreadRead;
import io.chatsync.application.reading.ThreadMarkedRead;
import io.chatsync.domain.message.BodyPolicy;
import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.InvalidMessageBody;
import io.chatsync.domain.message.MessagePosted;
import io.chatsync.domain.message.ReaderSide;
import io.chatsync.domain.message.Sender;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.message.StudentProfile;
import io.chatsync.domain.message.ThreadRead;
import io.chatsync.domain.thread.Participant;
import io.chatsync.domain.thread.ThreadAccessDenied;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
