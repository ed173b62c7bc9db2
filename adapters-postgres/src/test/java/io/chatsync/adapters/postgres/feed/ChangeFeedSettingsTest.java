package io.chatsync.adapters.postgres.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChangeFeedSettingsTest {

    final ChangeFeedSettings defaults = ChangeFeedSettings.of("node", "jdbc:postgresql://localhost/chatsync", null,
            null);

    @Test
    void aPollIntervalRunsFromOneMillisecondToTwentyMinutesSoThatAWaitingNodesLeaseCanBeTaken() {
        assertThat(defaults.withPollInterval(Duration.ofMillis(1)).pollInterval()).isEqualTo(Duration.ofMillis(1));
        assertThat(defaults.withPollInterval(Duration.ofMinutes(20)).pollInterval())
                .isEqualTo(Duration.ofMinutes(20));

        for (Duration refused : new Duration[] {Duration.ZERO, Duration.ofNanos(999_999),
                Duration.ofMinutes(20).plusMillis(1)}) {
            assertThatIllegalArgumentException().isThrownBy(() -> defaults.withPollInterval(refused))
                    .withMessageContaining("the poll interval runs from 1 ms to 20 minutes");
        }
    }
}
