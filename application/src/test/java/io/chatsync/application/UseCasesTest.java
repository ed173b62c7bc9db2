package io.chatsync.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UseCasesTest {

    static final Instant NOW = Instant.parse("2026-11-24T08:00:00.250Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Participant.Student ANNA = Participant.student(1);
    static final Participant.Student BAO = Participant.student(2);
    static final Participant.Staff TEACHER = Participant.staff("t-1");

    static ChatMessage message(int id, StudentId thread) {
        return new ChatMessage(ChatId.of(id), thread, Sender.STUDENT, "m" + id, false, false, NOW,
                new StudentProfile(thread, "Student " + thread, null));
    }

    @Nested
    class Posting {

        final List<MessagePosted> stored = new ArrayList<>();
        final PostingMessage posting = new PostingMessage(posted -> {
            stored.add(posted);
            return new ChatMessage(ChatId.of(stored.size()), posted.thread(), posted.sender(), posted.body().text(),
                    false, false, posted.postedAt(), new StudentProfile(posted.thread(), "Anna", null));
        }, new BodyPolicy(10), CLOCK);

        @Test
        void storesTheMessageAsTheAuthorsSideAtTheClocksTime() {
            ChatMessage message = posting.post(new PostMessageCommand(ANNA, ANNA.id(), "hello"));

            assertThat(stored).singleElement().satisfies(posted -> {
                assertThat(posted.sender()).isEqualTo(Sender.STUDENT);
                assertThat(posted.postedAt()).isEqualTo(NOW);
            });
            assertThat(message.body()).isEqualTo("hello");
        }

        @Test
        void badBodyStoresNothing() {
            assertThatThrownBy(() -> posting.post(new PostMessageCommand(ANNA, ANNA.id(), "12345678901")))
                    .isInstanceOf(InvalidMessageBody.class);
            assertThatThrownBy(() -> posting.post(new PostMessageCommand(ANNA, ANNA.id(), " ")))
                    .isInstanceOf(InvalidMessageBody.class);
            assertThat(stored).isEmpty();
        }

        @Test
        void studentPostingIntoAnotherThreadOrAsTeacherStoresNothing() {
            assertThatThrownBy(() -> posting.post(new PostMessageCommand(ANNA, BAO.id(), "hi")))
                    .isInstanceOf(ThreadAccessDenied.class);
            assertThatThrownBy(() -> posting.post(new PostMessageCommand(ANNA, ANNA.id(), "hi", Sender.TEACHER)))
                    .isInstanceOf(ThreadAccessDenied.class);
            assertThat(stored).isEmpty();
        }

        @Test
        void staffPostAsTeacher() {
            posting.post(new PostMessageCommand(TEACHER, BAO.id(), "hi"));

            assertThat(stored).singleElement().extracting(MessagePosted::sender).isEqualTo(Sender.TEACHER);
        }
    }

    @Nested
    class Reading {

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

    @Nested
    class History {

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

    @Nested
    class Conversations {

        final ListingConversations listing = new ListingConversations((before, limit) -> IntStream.rangeClosed(1, 3)
                .map(i -> 4 - i)
                .filter(i -> before == null || i < before.value())
                .limit(limit)
                .mapToObj(i -> new Conversation(new StudentProfile(StudentId.of(i), "S" + i, null),
                        message(i, StudentId.of(i)), i))
                .toList());

        @Test
        void staffPageThroughEveryThread() {
            ConversationPage first = listing.list(new ConversationListQuery(TEACHER, null, 2));
            ConversationPage rest = listing.list(new ConversationListQuery(TEACHER, first.nextBefore().orElseThrow(), 2));

            assertThat(first.conversations()).extracting(c -> c.student().student().value()).containsExactly(3, 2);
            assertThat(rest.conversations()).extracting(c -> c.student().student().value()).containsExactly(1);
            assertThat(rest.nextBefore()).isEmpty();
        }

        @Test
        void studentsMayNotListConversations() {
            assertThatThrownBy(() -> listing.list(new ConversationListQuery(ANNA, null, 10)))
                    .isInstanceOf(NotStaffException.class);
        }

        @Test
        void studentsUnreadCountIsTheirOwnSide() {
            List<Object> asked = new ArrayList<>();
            int count = new CountingUnread((thread, side) -> {
                asked.add(thread);
                asked.add(side);
                return 4;
            }).countUnread(ANNA);

            assertThat(count).isEqualTo(4);
            assertThat(asked).containsExactly(ANNA.id(), ReaderSide.STUDENT);
        }
    }
}
