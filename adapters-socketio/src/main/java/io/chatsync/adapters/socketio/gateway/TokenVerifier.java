package io.chatsync.adapters.socketio.gateway;

import io.chatsync.domain.thread.Participant;

/** Turns an LMS token into the participant it names. */
@FunctionalInterface
public interface TokenVerifier {

    /** @throws InvalidTokenException when the token is expired, forged, or names no student or staff role */
    Participant verify(String token) throws InvalidTokenException;
}
