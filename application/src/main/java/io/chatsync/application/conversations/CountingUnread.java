package io.chatsync.application.conversations;

import io.chatsync.domain.message.Side;
import io.chatsync.domain.thread.Participant;

/** A student's unread count: the teachers' messages of their own thread not yet read by them. */
public final class CountingUnread implements CountUnreadUseCase {

    private final CountUnreadPort unread;

    public CountingUnread(CountUnreadPort unread) {
        this.unread = unread;
    }

    @Override
    public int countUnread(Participant.Student student) {
        return unread.countUnread(student.id(), Side.STUDENT);
    }
}
