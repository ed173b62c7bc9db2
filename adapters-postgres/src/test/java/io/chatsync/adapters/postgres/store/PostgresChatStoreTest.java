package io.chatsync.adapters.postgres.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.application.conversations.Conversation;
import io.chatsync.application.posting.IdempotencyKey;
import io.chatsync.application.posting.IdempotencyKeyReused;
import io.chatsync.application.posting.UnknownStudentException;
import io.chatsync.domain.message.BodyPolicy;
import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.MessagePosted;
import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.message.StudentProfile;
import io.chatsync.domain.message.ThreadRead;
import io.chatsync.domain.thread.Participant;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresChatStoreTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    static final Instant POSTED_AT = Instant.parse("2026-11-24T09:30:00.123Z");

    final ChatFixtures fixtures = new ChatFixtures(database.dataSource());
    final PostgresChatStore store = new PostgresChatStore(database.dsl(), new ChatRowReader(ZoneOffset.UTC),
            filledSummary());
    StudentId anna;
    StudentId bao;

    @BeforeEach
    void freshThreads() {
        fixtures.update("TRUNCATE chats, chat_changes, users RESTART IDENTITY CASCADE");
        anna = StudentId.of(fixtures.student("Anna Tran"));
        bao = StudentId.of(fixtures.student("Bao Le"));
    }

    private ChatMessage post(StudentId thread, Side sender, String text) {
        return store.store(new MessagePosted(thread, sender, BodyPolicy.standard().accept(text), POSTED_AT),
                sender == Side.STUDENT ? Participant.student(thread.value()) : Participant.staff("t-1"), null);
    }

    @Test
    void storedMessageComesBackWithItsIdTimeAndTheStudentsProfile() {
        ChatMessage stored = post(anna, Side.STUDENT, "Xin chào cô");

        assertThat(stored.id().value()).isPositive();
        assertThat(stored.thread()).isEqualTo(anna);
        assertThat(stored.sender()).isEqualTo(Side.STUDENT);
        assertThat(stored.body()).isEqualTo("Xin chào cô");
        assertThat(stored.readByStudent()).isFalse();
        assertThat(stored.readByTeacher()).isFalse();
        assertThat(stored.createdAt()).isEqualTo(POSTED_AT);
        assertThat(stored.student())
                .isEqualTo(new StudentProfile(anna, "Anna Tran", "https://lms.example/avatars/anna-tran.png"));
        assertThat(fixtures.count("SELECT count(*) FROM chats")).isEqualTo(1);
    }

    @Test
    void messageForAnUnknownStudentStoresNothing() {
        assertThatThrownBy(() -> post(StudentId.of(9_999), Side.STAFF, "hello"))
                .isInstanceOf(UnknownStudentException.class)
                .hasMessageContaining("9999");
        assertThat(fixtures.count("SELECT count(*) FROM chats")).isZero();
    }

    @Test
    void bodiesThatLookLikeSqlHtmlOrAreLongAndMultiByteAreStoredVerbatim() {
        List<String> bodies = List.of(
                "'); DROP TABLE chats; --",
                "<script>alert('x')</script> &amp; \"quoted\"",
                "ễ".repeat(BodyPolicy.DEFAULT_MAX_LENGTH),
                "\uD83D\uDE00 Tiếng Việt có dấu \uD83D\uDE80");

        for (String body : bodies) {
            ChatMessage stored = post(anna, Side.STUDENT, body);
            assertThat(store.loadNewestFirst(anna, null, 1)).singleElement()
                    .satisfies(loaded -> assertThat(loaded.body()).isEqualTo(body))
                    .isEqualTo(stored);
        }
    }

    @Test
    void studentReadingMarksOnlyTeacherMessagesAndOnlyOnce() {
        ChatId fromTeacher = post(anna, Side.STAFF, "Homework?").id();
        ChatId fromStudent = post(anna, Side.STUDENT, "Done").id();
        ChatId otherThread = post(bao, Side.STAFF, "Hi Bao").id();

        List<ChatId> first = store.store(new ThreadRead(anna, Side.STUDENT, POSTED_AT));
        List<ChatId> second = store.store(new ThreadRead(anna, Side.STUDENT, POSTED_AT));

        assertThat(first).containsExactly(fromTeacher);
        assertThat(second).isEmpty();
        assertThat(fixtures.count("SELECT count(*) FROM chats WHERE read_by_student")).isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM chats WHERE chat_id = ? AND read_by_student",
                otherThread.value())).isZero();
        assertThat(fixtures.count("SELECT count(*) FROM chats WHERE chat_id = ? AND read_by_student",
                fromStudent.value())).isZero();
    }

    @Test
    void staffReadingMarksTheStudentsMessagesReadByTeacher() {
        ChatId first = post(anna, Side.STUDENT, "one").id();
        ChatId second = post(anna, Side.STUDENT, "two").id();
        post(anna, Side.STAFF, "reply");

        assertThat(store.store(new ThreadRead(anna, Side.STAFF, POSTED_AT))).containsExactly(first, second);
        assertThat(store.countUnread(anna, Side.STAFF)).isZero();
        assertThat(store.store(new ThreadRead(anna, Side.STAFF, POSTED_AT))).isEmpty();
    }

    @Test
    void historyPagesNewestFirstAndStaysStableWhileMessagesArrive() {
        List<ChatId> posted = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            posted.add(post(anna, i % 2 == 0 ? Side.STAFF : Side.STUDENT, "m" + i).id());
        }
        post(bao, Side.STUDENT, "not in Anna's thread");

        List<ChatMessage> first = store.loadNewestFirst(anna, null, 3);
        post(anna, Side.STUDENT, "arrives between pages");
        List<ChatMessage> second = store.loadNewestFirst(anna, first.get(2).id(), 3);
        List<ChatMessage> third = store.loadNewestFirst(anna, second.get(2).id(), 3);

        assertThat(first).extracting(ChatMessage::id).containsExactly(posted.get(6), posted.get(5), posted.get(4));
        assertThat(second).extracting(ChatMessage::id).containsExactly(posted.get(3), posted.get(2), posted.get(1));
        assertThat(third).extracting(ChatMessage::id).containsExactly(posted.get(0));
        assertThat(third).allSatisfy(m -> assertThat(m.thread()).isEqualTo(anna));
    }

    @Test
    void conversationsListOneRowPerThreadNewestActivityFirstWithStaffUnreadCounts() {
        int carol = fixtures.student("Carol Pham");
        post(anna, Side.STUDENT, "a1");
        post(bao, Side.STUDENT, "b1");
        post(anna, Side.STUDENT, "a2");
        ChatMessage annaLast = post(anna, Side.STAFF, "a3");
        post(StudentId.of(carol), Side.STUDENT, "c1");
        ChatMessage carolLast = post(StudentId.of(carol), Side.STUDENT, "c2");

        List<Conversation> all = store.loadByNewestActivity(null, 10);

        assertThat(all).extracting(c -> c.student().fullName()).containsExactly("Carol Pham", "Anna Tran", "Bao Le");
        assertThat(all).extracting(Conversation::unreadByStaff).containsExactly(2, 2, 1);
        assertThat(all.get(0).lastMessage()).isEqualTo(carolLast);
        assertThat(all.get(1).lastMessage()).isEqualTo(annaLast);

        List<Conversation> afterCarol = store.loadByNewestActivity(carolLast.id(), 1);
        assertThat(afterCarol).extracting(c -> c.student().fullName()).containsExactly("Anna Tran");
        assertThat(store.loadByNewestActivity(annaLast.id(), 5)).extracting(c -> c.student().fullName())
                .containsExactly("Bao Le");
    }

    @Test
    void retriesWithTheSameKeyFromTheSameAuthorStoreOneRowEvenWhenTheyRace() throws Exception {
        MessagePosted posted = new MessagePosted(anna, Side.STUDENT, BodyPolicy.standard().accept("once"), POSTED_AT);
        IdempotencyKey key = new IdempotencyKey("retry-7f3a");
        ExecutorService retries = Executors.newFixedThreadPool(8);
        List<Future<ChatMessage>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            attempts.add(retries.submit(() -> store.store(posted, Participant.student(anna.value()), key)));
        }
        Set<ChatId> ids = new HashSet<>();
        for (Future<ChatMessage> attempt : attempts) {
            ids.add(attempt.get(30, TimeUnit.SECONDS).id());
        }
        retries.shutdown();

        assertThat(ids).hasSize(1);
        assertThat(fixtures.count("SELECT count(*) FROM chats WHERE user_id = ?", anna.value())).isEqualTo(1);
        assertThat(store.store(posted, Participant.staff("t-1"), key).id()).as("the same key from another author is another post")
                .isNotIn(ids);
        assertThat(store.store(posted, Participant.student(anna.value()), null).id()).as("no key, no deduplication")
                .isNotIn(ids);
        MessagePosted different = new MessagePosted(anna, Side.STUDENT, BodyPolicy.standard().accept("another"),
                POSTED_AT);
        assertThatThrownBy(() -> store.store(different, Participant.student(anna.value()), key))
                .isInstanceOf(IdempotencyKeyReused.class);
    }

    @Test
    void unreadCountsAreBySide() {
        post(anna, Side.STAFF, "t1");
        post(anna, Side.STAFF, "t2");
        post(anna, Side.STUDENT, "s1");
        post(bao, Side.STAFF, "other thread");

        assertThat(store.countUnread(anna, Side.STUDENT)).isEqualTo(2);
        assertThat(store.countUnread(anna, Side.STAFF)).isEqualTo(1);

        store.store(new ThreadRead(anna, Side.STUDENT, POSTED_AT));
        assertThat(store.countUnread(anna, Side.STUDENT)).isZero();
        assertThat(store.countUnread(bao, Side.STUDENT)).isEqualTo(1);
    }

    /** The conversation summary, filled from what chats holds now. */
    static ThreadSummary filledSummary() {
        ThreadSummary summary = new ThreadSummary(database.dsl());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(summary::fill);
        return summary;
    }
}
