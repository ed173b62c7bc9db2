package io.chatsync.domain.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The columns a site added to its {@code chats} table (an attachment URL, a course id, a JSON blob), which chatsync
 * does not interpret but shows to clients as the legacy backends did. Values are what those backends' clients
 * received: null, {@link Boolean}, {@link Integer}, {@link Double}, {@link String}, {@link JsonText}, or a
 * {@link java.util.List} of these.
 *
 * @param values by column name, in table order
 */
public record SiteColumns(Map<String, @Nullable Object> values) {

    private static final SiteColumns NONE = new SiteColumns(Map.of());

    public SiteColumns {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static SiteColumns none() {
        return NONE;
    }

    /** These columns but those named in {@code hidden}. */
    public SiteColumns without(Set<String> hidden) {
        if (hidden.isEmpty() || Collections.disjoint(values.keySet(), hidden)) {
            return this;
        }
        Map<String, @Nullable Object> shown = new LinkedHashMap<>(values);
        shown.keySet().removeAll(hidden);
        return new SiteColumns(shown);
    }
}
