package io.chatsync.adapters.socketio.gateway;

/** A token that is missing, expired, forged or names no known role; its message says which, without the token. */
public class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String reason) {
        super(reason);
    }
}
