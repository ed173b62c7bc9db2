package io.chatsync.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        Latencies latencies = new Latencies();
        for (int ms = 100; ms >= 1; ms--) {
            latencies.add(ms * 1_000_000L);
        }

        assertThat(latencies.count()).isEqualTo(100);
        assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
        assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
        assertThat(latencies.maxMillis()).isEqualTo(100.0);
        assertThat(latencies.summary()).isEqualTo("50.0 / 95.0 / 99.0 / 100.0");
    }

    @Test
    void anEmptySetHasNoPercentiles() {
        Latencies latencies = new Latencies();

        assertThat(latencies.percentileMillis(99)).isNaN();
        assertThat(latencies.summary()).isEqualTo("–");
    }
}
