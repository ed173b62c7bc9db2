package io.chatsync.application;

import static io.chatsync.application.Fixtures.NOW;
import static io.chatsync.application.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.delivery.DeliveringChanges;
import io.chatsync.application.delivery.FeedPosition;
import io.chatsync.application.delivery.FeedProgress;
import io.chatsync.application.delivery.LogOffset;
import io.chatsync.domain.message.StudentId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryTest {

    @Test
    void everyRealtimeSideGetsEachBatchInOrder() {
        List<List<ChatChange>> first = new ArrayList<>();
        List<List<ChatChange>> second = new ArrayList<>();
        ChatChange one = new ChatChange.MessageAdded(new FeedPosition(1), LogOffset.upTo(1), NOW, message(1, StudentId.of(3)));
        ChatChange two = new ChatChange.MessageAdded(new FeedPosition(2), LogOffset.upTo(2), NOW, message(2, StudentId.of(3)));

        new DeliveringChanges(List.of(first::add, second::add), new FeedProgress()).deliver(List.of(one, two));

        assertThat(first).containsExactly(List.of(one, two));
        assertThat(second).containsExactly(List.of(one, two));
    }

    @Test
    void anEmptyBatchReachesNoOne() {
        List<List<ChatChange>> published = new ArrayList<>();

        new DeliveringChanges(List.of(published::add), new FeedProgress()).deliver(List.of());

        assertThat(published).isEmpty();
    }
}
