package io.chatsync.adapters.postgres.store;

import io.chatsync.application.wire.JsDate;
import io.chatsync.domain.message.JsonText;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A column's value as the legacy backends' clients received it: node-postgres parses the PostgreSQL text of each
 * value by its type, and the backend serialises the result with {@code JSON.stringify} (docs/protocol.md, "Every
 * column of the row"). Values come here as PostgreSQL's text, and leave as what {@code JSON.stringify} would write:
 * <ul>
 *   <li>{@code int2}, {@code int4}, {@code oid}: numbers; {@code float4}, {@code float8}: numbers, null for NaN and
 *       the infinities;</li>
 *   <li>{@code int8} and {@code numeric}: strings (node-postgres keeps them as text, being wider than a JS
 *       number);</li>
 *   <li>{@code bool}: booleans; {@code json}, {@code jsonb}: the JSON itself;</li>
 *   <li>{@code timestamptz}: {@code toISOString()} text (UTC, milliseconds, {@code Z}); {@code timestamp} and
 *       {@code date}: the same, read as a time in the legacy backend's time zone, as a JS {@code Date} is;</li>
 *   <li>arrays of these: arrays; every other type: its PostgreSQL text;</li>
 *   <li>{@code bytea}: left out, since node-postgres makes it a Buffer, which Socket.IO sends as a binary
 *       attachment.</li>
 * </ul>
 */
final class NodePostgresValues {

    /** PostgreSQL's text of a {@code timestamp} or {@code timestamptz}, with up to six fractional digits. */
    private static final DateTimeFormatter PG_TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private static final DateTimeFormatter PG_TIMESTAMPTZ = new DateTimeFormatterBuilder()
            .append(PG_TIMESTAMP)
            .appendPattern("[XXXXX][XXX][X]")
            .toFormatter();

    private final ZoneId legacyZone;

    /** @param legacyZone the time zone of the legacy backend's process, which reads {@code timestamp} and {@code date} */
    NodePostgresValues(ZoneId legacyZone) {
        this.legacyZone = legacyZone;
    }

    /** Whether a column of {@code type} is shown at all. */
    static boolean shown(String type) {
        return !type.equals("bytea") && !type.equals("_bytea");
    }

    /**
     * {@code text} of a column of {@code type} ({@code int8}, {@code _int4} for an array of {@code int4}, …).
     *
     * @return null, Boolean, Integer, Double, String, {@link JsonText}, or a List of these
     */
    @Nullable Object value(String type, @Nullable String text) {
        if (text == null) {
            return null;
        }
        if (type.startsWith("_")) {
            return elements(type.substring(1), PgArrayText.parse(text));
        }
        return switch (type) {
            case "int2", "int4", "oid" -> Integer.valueOf(text);
            case "float4", "float8" -> finite(Double.parseDouble(text));
            case "bool" -> text.equals("t") || text.equals("true");
            case "json", "jsonb" -> new JsonText(text);
            case "timestamptz", "timestamp", "date" -> jsDate(text, t -> instant(type, t));
            default -> text;
        };
    }

    /**
     * The time a {@code timestamptz}, {@code timestamp} or {@code date} column holds, as the legacy backend read it.
     *
     * @throws DateTimeException for a text that is no such time
     */
    Instant instant(String type, String text) {
        return switch (type) {
            case "timestamp" -> {
                LocalDateTime local = PgTimestampText.local(text);
                yield (local != null ? local : LocalDateTime.parse(text, PG_TIMESTAMP)).atZone(legacyZone).toInstant();
            }
            case "date" -> LocalDate.parse(text).atStartOfDay(legacyZone).toInstant();
            default -> {
                Instant time = PgTimestampText.withOffset(text);
                yield time != null ? time : OffsetDateTime.parse(text, PG_TIMESTAMPTZ).toInstant();
            }
        };
    }

    private List<@Nullable Object> elements(String type, List<@Nullable Object> texts) {
        return texts.stream().map(element -> element instanceof List<?> nested
                ? elements(type, castList(nested)) : value(type, (String) element)).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<@Nullable Object> castList(List<?> list) {
        return (List<@Nullable Object>) list;
    }

    private static @Nullable Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /**
     * {@code toISOString()} of a JS {@code Date} holding the time: whole milliseconds (a JS date drops what is
     * below them). {@code infinity} becomes null, as {@code JSON.stringify} writes a date that is not one; a text
     * this cannot read as a date (a BC date) is shown as it is.
     */
    private @Nullable String jsDate(String text, Function<String, Instant> parse) {
        if (text.endsWith("infinity")) {
            return null;
        }
        try {
            return JsDate.iso(parse.apply(text));
        } catch (DateTimeException unreadable) {
            return text;
        }
    }
}
