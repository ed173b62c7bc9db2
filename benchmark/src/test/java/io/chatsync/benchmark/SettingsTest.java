package io.chatsync.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void ratesAreSharesOfTheRunsCeilingWhenNoneAreGiven() {
        Settings settings = Settings.fromSystemProperties().atCeiling(3_000);

        assertThat(settings.fixedRate()).isEqualTo(1_200);
        assertThat(settings.steps()).containsExactly(300.0, 600.0, 900.0, 1_500.0, 1_800.0, 2_100.0, 2_400.0,
                2_700.0, 3_000.0);
    }

    @Test
    void withoutACeilingTheRatesStayAsSet() {
        Settings settings = Settings.fromSystemProperties();

        Settings same = settings.atCeiling(Double.NaN);

        assertThat(same.fixedRate()).isEqualTo(Settings.DEFAULT_FIXED_RATE);
        assertThat(same.steps()).isEqualTo(settings.steps()).startsWith(1_500.0);
    }

    @Test
    void givenRatesWinOverTheCeiling() {
        System.setProperty("benchmark.fixed-rate", "700");
        System.setProperty("benchmark.steps", "800,900");
        try {
            Settings settings = Settings.fromSystemProperties().atCeiling(3_000);

            assertThat(settings.fixedRate()).isEqualTo(700);
            assertThat(settings.steps()).isEqualTo(List.of(800.0, 900.0));
        } finally {
            System.clearProperty("benchmark.fixed-rate");
            System.clearProperty("benchmark.steps");
        }
    }

    @Test
    void theReferenceShapeIsHeldByOfficialClientsUnlessLeanReadersAreAskedFor() {
        assertThat(Settings.fromSystemProperties().referenceClients()).isEqualTo(FanOut.Clients.OFFICIAL);
        System.setProperty("benchmark.reference-clients", " Lean ");
        try {
            assertThat(Settings.fromSystemProperties().atCeiling(3_000).referenceClients())
                    .isEqualTo(FanOut.Clients.LEAN);
        } finally {
            System.clearProperty("benchmark.reference-clients");
        }
    }

    @Test
    void serversRunInSessionsOfTheirOwnUnlessTheBenchmarksSessionIsAskedFor() {
        assertThat(Settings.fromSystemProperties().servers())
                .isEqualTo(new ServerPlacement(ServerSessions.OWN, 0));
        System.setProperty("benchmark.server-sessions", "shared");
        try {
            assertThat(Settings.fromSystemProperties().atCeiling(3_000).servers())
                    .isEqualTo(new ServerPlacement(ServerSessions.SHARED, 0));
        } finally {
            System.clearProperty("benchmark.server-sessions");
        }
    }

    @Test
    void theServersSessionsGetTheNiceAskedFor() {
        System.setProperty("benchmark.server-nice", "-10");
        try {
            assertThat(Settings.fromSystemProperties().atCeiling(3_000).servers())
                    .isEqualTo(new ServerPlacement(ServerSessions.OWN, -10));
        } finally {
            System.clearProperty("benchmark.server-nice");
        }
    }
}
