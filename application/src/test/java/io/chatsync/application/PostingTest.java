package io.chatsync.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.chatsync.application.Fixtures.ANNA;
import static io.chatsync.application.Fixtures.BAO;
import static io.chatsync.application.Fixtures.CLOCK;
import static io.chatsync.application.Fixtures.NOW;
import static io.chatsync.application.Fixtures.TEACHER;
import static io.chatsync.application.Fixtures.message;

import io.chatsync.application.posting.PostMessageCommand;
import io.chatsync.application.posting.PostingMessage;
import io.chatsync.domain.message.BodyPolicy;
import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.InvalidMessageBody;
import io.chatsync.domain.message.MessagePosted;
import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentProfile;
import io.chatsync.domain.thread.ThreadAccessDenied;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostingTest {

    final List<MessagePosted> stored = new ArrayList<>();
    final PostingMessage posting = new PostingMessage((posted, author, key) -> {
        stored.add(posted);
        return new ChatMessage(ChatId.of(stored.size()), posted.thread(), posted.sender(), posted.body().text(),
                false, false, posted.postedAt(), new StudentProfile(posted.thread(), "Anna", null));
    }, new BodyPolicy(10), CLOCK);

    @Test
    void storesTheMessageAsTheAuthorsSideAtTheClocksTime() {
        ChatMessage message = posting.post(new PostMessageCommand(ANNA, ANNA.id(), "hello"));

        assertThat(stored).singleElement().satisfies(posted -> {
            assertThat(posted.sender()).isEqualTo(Side.STUDENT);
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
        assertThatThrownBy(() -> posting.post(new PostMessageCommand(ANNA, ANNA.id(), "hi", Side.STAFF)))
                .isInstanceOf(ThreadAccessDenied.class);
        assertThat(stored).isEmpty();
    }

    @Test
    void staffPostAsTeacher() {
        posting.post(new PostMessageCommand(TEACHER, BAO.id(), "hi"));

        assertThat(stored).singleElement().extracting(MessagePosted::sender).isEqualTo(Side.STAFF);
    }
}
