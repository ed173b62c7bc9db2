package io.chatsync.adapters.postgres.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PgTimestampTextTest {

    /** The general reading, which the fast one must agree with. */
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter WITH_OFFSET = new DateTimeFormatterBuilder()
            .append(LOCAL).appendPattern("[XXXXX][XXX][X]").toFormatter();

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    @Test
    void readsPostgresqlsIsoText() {
        assertThat(PgTimestampText.withOffset("2026-12-07 03:30:12.123456+00"))
                .isEqualTo(Instant.parse("2026-12-07T03:30:12.123456Z"));
        assertThat(PgTimestampText.withOffset("2026-12-07 09:00:12+05:30"))
                .isEqualTo(Instant.parse("2026-12-07T03:30:12Z"));
        assertThat(PgTimestampText.withOffset("2026-12-07 00:30:12.5-03"))
                .isEqualTo(Instant.parse("2026-12-07T03:30:12.500Z"));
        assertThat(PgTimestampText.withOffset("1883-11-18 12:00:00+00:19:32"))
                .isEqualTo(Instant.parse("1883-11-18T11:40:28Z"));
        assertThat(PgTimestampText.local("2026-12-07 03:30:12.000001"))
                .isEqualTo(LocalDateTime.parse("2026-12-07T03:30:12.000001"));
    }

    @Test
    void agreesWithTheGeneralReading() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 50_000; i++) {
            LocalDateTime local = LocalDateTime.of(random.nextInt(1, 10_000), random.nextInt(1, 13),
                    random.nextInt(1, 29), random.nextInt(24), random.nextInt(60), random.nextInt(60));
            int digits = random.nextInt(7);
            int fraction = digits == 0 ? 0 : random.nextInt((int) Math.pow(10, digits));
            String text = TEXT.format(local)
                    + (digits == 0 ? "" : "." + String.format("%0" + digits + "d", fraction));
            String offset = switch (random.nextInt(4)) {
                case 0 -> "+00";
                case 1 -> String.format("-%02d", random.nextInt(16));
                case 2 -> String.format("+%02d:%02d", random.nextInt(15), random.nextInt(60));
                default -> String.format("+%02d:%02d:%02d", random.nextInt(15), random.nextInt(60), random.nextInt(60));
            };

            assertThat(PgTimestampText.local(text)).as(text).isEqualTo(LocalDateTime.parse(text, LOCAL));
            assertThat(PgTimestampText.withOffset(text + offset)).as(text + offset)
                    .isEqualTo(OffsetDateTime.parse(text + offset, WITH_OFFSET).toInstant());
        }
    }

    @Test
    void leavesOtherShapesToTheGeneralReading() {
        assertThat(PgTimestampText.withOffset("0044-03-15 12:00:00+00 BC")).isNull();
        assertThat(PgTimestampText.withOffset("10000-01-01 00:00:00+00")).isNull();
        assertThat(PgTimestampText.withOffset("infinity")).isNull();
        assertThat(PgTimestampText.withOffset("2026-12-07 03:30:12")).isNull();
        assertThat(PgTimestampText.withOffset("2026-12-07 03:30:12.+00")).isNull();
        assertThat(PgTimestampText.withOffset("2026-02-30 03:30:12+00")).isNull();
        assertThat(PgTimestampText.withOffset("2026-12-07T03:30:12+00")).isNull();
        assertThat(PgTimestampText.local("2026-12-07 03:30:12+00")).isNull();
        assertThat(PgTimestampText.local("2026-12-07 3:30:12")).isNull();
    }

    @Test
    void anOffsetBeyondEighteenHoursIsNoTime() {
        assertThat(PgTimestampText.withOffset("2026-12-07 03:30:12+19")).isNull();
        assertThat(ZoneOffset.MAX.getTotalSeconds()).isEqualTo(18 * 3600);
    }
}
