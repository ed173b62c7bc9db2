package io.chatsync.application.conversations;

import io.chatsync.domain.thread.Participant;

/** Counts the teachers' messages a student has not read. */
public interface CountUnreadUseCase {

    int countUnread(Participant.Student student);
}
