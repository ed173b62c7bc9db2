package io.chatsync.domain.message;

/**
 * A value that is JSON text already (a {@code json} or {@code jsonb} column), shown to clients as the JSON it is.
 *
 * @param json the text, as the database returned it
 */
public record JsonText(String json) {

    public JsonText {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("JSON text is not empty");
        }
    }

    @Override
    public String toString() {
        return json;
    }
}
