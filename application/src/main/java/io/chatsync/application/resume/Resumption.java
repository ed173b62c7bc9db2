package io.chatsync.application.resume;

import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.delivery.LogOffset;
import io.chatsync.domain.message.StudentId;
import java.util.List;
import java.util.Set;

/** What a reconnecting client's {@code pid} and offset come to. */
public sealed interface Resumption {

    /**
     * The session goes on.
     *
     * @param rooms the threads whose rooms it had joined
     * @param missed what it missed up to {@code had}, oldest first, each handed over with what the client has had
     *     once it has that change
     * @param had what the client has had once it has every missed change
     * @param listChanged whether its conversation list changed meanwhile (one {@code users:updated} stands for all)
     */
    record Resumed(SessionKey key, Set<StudentId> rooms, List<ChatChange> missed, LogOffset had, boolean listChanged)
            implements Resumption {

        public Resumed {
            rooms = Set.copyOf(rooms);
            missed = List.copyOf(missed);
        }
    }

    /**
     * The session is not resumed: the client gets a new one, and reloads through the HTTP API.
     *
     * @param reason for the node's log and metrics only; the client is told nothing more than "not recovered"
     */
    record NotResumed(String reason) implements Resumption {
    }
}
