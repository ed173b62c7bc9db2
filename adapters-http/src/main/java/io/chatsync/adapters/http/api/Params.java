package io.chatsync.adapters.http.api;

import io.chatsync.domain.message.StudentId;
import java.util.function.Supplier;

/** Path and query values, refused by name when they are not what the API documents. */
final class Params {

    private Params() {
    }

    static StudentId student(String value) {
        return StudentId.of(positive("studentId", value));
    }

    static int positive(String name, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            throw new BadRequest(name, name + " must be a positive whole number");
        }
        throw new BadRequest(name, name + " must be a positive whole number");
    }

    /** Builds a query record, naming {@code field} when it refuses the values. */
    static <T> T query(String field, Supplier<T> query) {
        try {
            return query.get();
        } catch (IllegalArgumentException e) {
            throw new BadRequest(field, e.getMessage());
        }
    }
}
