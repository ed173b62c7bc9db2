package io.chatsync.application.conversations;

import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;

/** Counts a thread's messages that one side has not read. */
public interface CountUnreadPort {

    int countUnread(StudentId thread, Side reader);
}
