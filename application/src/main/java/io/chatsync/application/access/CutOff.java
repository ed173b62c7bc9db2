package io.chatsync.application.access;

import io.chatsync.domain.thread.Participant;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A user cut off at {@code at}: tokens issued before it are refused, and every socket of theirs is closed.
 *
 * @param user the student or member of staff
 * @param at when, on the database's clock
 */
public record CutOff(Participant user, Instant at) {

    public CutOff {
        if (user == null || at == null) {
            throw new IllegalArgumentException("a cut-off names a user and a time");
        }
    }

    /** Whether a token of {@code user} issued at {@code issuedAt} (absent when it does not say) falls under it. */
    public boolean refuses(Participant who, @Nullable Instant issuedAt) {
        return user.equals(who) && (issuedAt == null || !issuedAt.isAfter(at));
    }
}
