package io.chatsync.adapters.postgres.lms;

import java.time.ZoneId;

/**
 * How {@code chats} rows are read for clients.
 *
 * @param legacyTimeZone the time zone of the legacy backends' processes, in which node-postgres read
 *     {@code timestamp} and {@code date} columns
 */
public record RowSettings(ZoneId legacyTimeZone) {

    public RowSettings {
        if (legacyTimeZone == null) {
            throw new IllegalArgumentException("rows are read in a time zone");
        }
    }
}
