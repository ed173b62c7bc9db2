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
import org.junit.jupiter.api.Test;

/** Shared test data for the use case tests. */
final class Fixtures {

    private Fixtures() {
    }

    static final Instant NOW = Instant.parse("2026-11-24T08:00:00.250Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Participant.Student ANNA = Participant.student(1);
    static final Participant.Student BAO = Participant.student(2);
    static final Participant.Staff TEACHER = Participant.staff("t-1");

    static ChatMessage message(int id, StudentId thread) {
        return new ChatMessage(ChatId.of(id), thread, Sender.STUDENT, "m" + id, false, false, NOW,
                new StudentProfile(thread, "Student " + thread, null));
    }
}
