package io.chatsync.application.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsDateTest {

    private static final DateTimeFormatter FORMATTER = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Test
    void writesWhatJavaScriptWrites() {
        assertThat(JsDate.iso(Instant.parse("2026-12-07T03:30:12.123456789Z"))).isEqualTo("2026-12-07T03:30:12.123Z");
        assertThat(JsDate.iso(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("0001-01-01T00:00:00.000Z");
        assertThat(JsDate.iso(Instant.parse("1969-12-31T23:59:59.999Z"))).isEqualTo("1969-12-31T23:59:59.999Z");
    }

    @Test
    void agreesWithTheFormatterOverTheYearsItWritesItself() {
        SplittableRandom random = new SplittableRandom(7);
        long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant time = Instant.ofEpochSecond(random.nextLong(first, last + 1), random.nextInt(1_000_000_000));

            assertThat(JsDate.iso(time)).as("%s", time)
                    .isEqualTo(FORMATTER.format(time.truncatedTo(ChronoUnit.MILLIS)));
        }
    }

    @Test
    void yearsBeyondFourDigitsGoThroughTheFormatter() {
        Instant time = Instant.parse("+10000-01-01T00:00:00Z");

        assertThat(JsDate.iso(time)).isEqualTo(FORMATTER.format(time));
    }
}
