package io.chatsync.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsync.application.delivery.LogOffset;
import io.chatsync.application.resume.Offsets;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An offset a client holds reads back only as a node wrote it. */
class OffsetsTest {

    private final Offsets offsets = new Offsets("a key shared by every node".getBytes(StandardCharsets.UTF_8));
    private final LogOffset had = LogOffset.of(120, List.of(new LogOffset.Range(95, 96)));
    private final Instant sent = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void aSealedOffsetOpensToWhatWasSealed() {
        String text = offsets.seal(had, sent);

        assertThat(offsets.open(text)).contains(new Offsets.Sent(had, sent));
    }

    @Test
    void anEditedForgedOrForeignOffsetOpensToNothing() {
        String text = offsets.seal(had, sent);
        Offsets otherKey = new Offsets("another site's key, not ours".getBytes(StandardCharsets.UTF_8));

        assertThat(text).contains("~1796551200~");
        assertThat(offsets.open(text.replace("120:", "900:"))).isEmpty();
        assertThat(offsets.open(text.replace("~1796551200~", "~1796551201~"))).isEmpty();
        assertThat(offsets.open("0")).isEmpty();
        assertThat(offsets.open("0~0~AAAAAAAAAAAAAAAA")).isEmpty();
        assertThat(offsets.open("~~")).isEmpty();
        assertThat(offsets.open("x".repeat(20_000))).isEmpty();
        assertThat(otherKey.open(text)).isEmpty();
    }
}
