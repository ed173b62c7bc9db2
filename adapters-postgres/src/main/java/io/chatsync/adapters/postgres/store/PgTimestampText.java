package io.chatsync.adapters.postgres.store;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL's text of a {@code timestamptz} or {@code timestamp} in its ISO date style
 * ({@code 2026-12-07 03:30:12.123456+00}, {@code +05:30}, {@code -03}; no offset for a {@code timestamp}), read
 * without a formatter: every message read carries one, and {@code DateTimeFormatter} took 6-10 % of a node's
 * CPU in the benchmark's profiles. A text of any other shape (a year of five digits, {@code BC}) gives null, and
 * the caller reads it the general way.
 */
final class PgTimestampText {

    private static final int DATE_AND_TIME = "yyyy-mm-dd hh:mm:ss".length();

    private PgTimestampText() {
    }

    /** A {@code timestamptz}'s text as the time it names; null when the text is not of the common shape. */
    static @Nullable Instant withOffset(String text) {
        int end = afterLocal(text);
        if (end < 0 || end >= text.length()) {
            return null;
        }
        char sign = text.charAt(end);
        if (sign != '+' && sign != '-') {
            return null;
        }
        int seconds = 0;
        int at = end + 1;
        for (int part = 0; part < 3 && at < text.length(); part++) {
            if (part > 0) {
                if (text.charAt(at) != ':') {
                    return null;
                }
                at++;
            }
            int value = number(text, at, 2);
            if (value < 0) {
                return null;
            }
            seconds += value * (part == 0 ? 3600 : part == 1 ? 60 : 1);
            at += 2;
        }
        if (at != text.length()) {
            return null;
        }
        LocalDateTime local = local(text, end);
        try {
            return local == null ? null : local.toInstant(ZoneOffset.ofTotalSeconds(sign == '-' ? -seconds : seconds));
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    /** A {@code timestamp}'s text as a date and time; null when the text is not of the common shape. */
    static @Nullable LocalDateTime local(String text) {
        int end = afterLocal(text);
        return end == text.length() ? local(text, end) : null;
    }

    /** Where the date, time and fraction end; -1 when they are not of the common shape. */
    private static int afterLocal(String text) {
        if (text.length() < DATE_AND_TIME || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != ' ' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return -1;
        }
        int at = DATE_AND_TIME;
        if (at < text.length() && text.charAt(at) == '.') {
            int digits = 0;
            at++;
            while (at < text.length() && isDigit(text.charAt(at))) {
                at++;
                digits++;
            }
            if (digits == 0 || digits > 9) {
                return -1;
            }
        }
        return at;
    }

    private static @Nullable LocalDateTime local(String text, int end) {
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        int nanos = 0;
        int digits = Math.max(0, end - DATE_AND_TIME - 1);
        if (digits > 0) {
            nanos = number(text, DATE_AND_TIME + 1, digits);
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    /** The decimal number of {@code width} digits at {@code at}; -1 when one is not a digit or the text ends. */
    private static int number(String text, int at, int width) {
        if (at + width > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = at; i < at + width; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
