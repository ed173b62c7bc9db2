package io.chatsync.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.chatsync.application.Fixtures.ANNA;
import static io.chatsync.application.Fixtures.TEACHER;
import static io.chatsync.application.Fixtures.message;

import io.chatsync.application.conversations.Conversation;
import io.chatsync.application.conversations.ConversationListQuery;
import io.chatsync.application.conversations.ConversationPage;
import io.chatsync.application.conversations.CountingUnread;
import io.chatsync.application.conversations.ListingConversations;
import io.chatsync.application.conversations.NotStaffException;
import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.message.StudentProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConversationsTest {

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
        assertThat(asked).containsExactly(ANNA.id(), Side.STUDENT);
    }
}
