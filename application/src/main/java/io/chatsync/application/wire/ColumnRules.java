package io.chatsync.application.wire;

import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.Side;
import java.util.Set;

/**
 * Which of a site's own {@code chats} columns each side is shown: staff see them all; students see all but those
 * the site keeps from them (an internal note, a grade).
 *
 * @param hiddenFromStudents column names students are never shown
 */
public record ColumnRules(Set<String> hiddenFromStudents) {

    public ColumnRules {
        hiddenFromStudents = Set.copyOf(hiddenFromStudents);
    }

    public static ColumnRules showAll() {
        return new ColumnRules(Set.of());
    }

    /** Whether the two sides are shown the same payload. */
    public boolean sameForBothSides() {
        return hiddenFromStudents.isEmpty();
    }

    /** {@code message} as {@code viewer}'s side is shown it. */
    public LegacyMessage show(ChatMessage message, Side viewer) {
        if (viewer == Side.STAFF || hiddenFromStudents.isEmpty()) {
            return LegacyMessage.of(message);
        }
        return LegacyMessage.of(new ChatMessage(message.id(), message.thread(), message.sender(), message.body(),
                message.readByStudent(), message.readByTeacher(), message.createdAt(), message.student(),
                message.siteColumns().without(hiddenFromStudents)));
    }
}
