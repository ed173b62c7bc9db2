package io.chatsync.adapters.socketio.gateway;

import io.chatsync.domain.thread.Participant;
import java.time.Instant;

/** Turns an LMS token into the participant it names, and until when. */
@FunctionalInterface
public interface TokenVerifier {

    /**
     * @throws InvalidTokenException when the token is expired, has no expiry, is forged, names no student or staff
     *     role, or its user was cut off after it was issued
     */
    VerifiedToken verify(String token) throws InvalidTokenException;

    /** Whom a valid token names, and when it expires. */
    record VerifiedToken(Participant participant, Instant expiresAt) {
    }
}
