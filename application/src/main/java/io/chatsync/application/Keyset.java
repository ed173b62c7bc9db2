package io.chatsync.application;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Keyset pagination: a page is read with one row more than it holds; that extra row only says an older page
 * exists, whose cursor is the key of the page's last row.
 */
public final class Keyset {

    private Keyset() {
    }

    /**
     * @param rows at most {@code pageSize + 1} rows in page order
     * @param keyOf the cursor a row stands for
     * @param page builds the page from its rows and the next page's cursor
     */
    public static <T, K, P> P page(List<T> rows, int pageSize, Function<T, K> keyOf,
            BiFunction<List<T>, Optional<K>, P> page) {
        if (rows.size() <= pageSize) {
            return page.apply(rows, Optional.empty());
        }
        List<T> shown = rows.subList(0, pageSize);
        return page.apply(shown, Optional.of(keyOf.apply(shown.get(pageSize - 1))));
    }
}
