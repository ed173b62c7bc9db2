package io.chatsync.adapters.http.api;

/** A request whose field is missing or of the wrong type; the problem names the field. */
final class BadRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    BadRequest(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
