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

class ReadingTest {


    final List<ThreadRead> reads = new ArrayList<>();
    final MarkingThreadRead marking = new MarkingThreadRead(read -> {
        reads.add(read);
        return List.of(ChatId.of(3));
    }, CLOCK);

    @Test
    void marksAsTheReadersSide() {
        ThreadMarkedRead result = marking.markRead(new MarkThreadReadCommand(TEACHER, ANNA.id()));

        assertThat(reads).containsExactly(new ThreadRead(ANNA.id(), ReaderSide.STAFF, NOW));
        assertThat(result.marked()).containsExactly(ChatId.of(3));
    }

    @Test
    void studentMayNotMarkAnotherStudentsThread() {
        assertThatThrownBy(() -> marking.markRead(new MarkThreadReadCommand(BAO, ANNA.id())))
                .isInstanceOf(ThreadAccessDenied.class);
        assertThat(reads).isEmpty();
    }
}
