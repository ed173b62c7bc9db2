package io.chatsync.adapters.http.api;

/** A request body over the configured limit; it was not parsed. */
final class PayloadTooLarge extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PayloadTooLarge(long limit) {
        super("request bodies are limited to " + limit + " bytes");
    }
}
