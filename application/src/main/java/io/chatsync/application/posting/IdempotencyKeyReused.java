package io.chatsync.application.posting;

/** An idempotency key that already named a different post (another thread or another body) of the same user. */
public final class IdempotencyKeyReused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IdempotencyKeyReused() {
        super("this Idempotency-Key was already used for a different message; use a new key for a new message");
    }
}
