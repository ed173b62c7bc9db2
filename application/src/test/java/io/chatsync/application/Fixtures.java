package io.chatsync.application;

import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.message.StudentProfile;
import io.chatsync.domain.thread.Participant;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

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
        return new ChatMessage(ChatId.of(id), thread, Side.STUDENT, "m" + id, false, false, NOW,
                new StudentProfile(thread, "Student " + thread, null));
    }
}
