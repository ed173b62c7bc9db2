package io.chatsync.bootstrap.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatsyncEnvironmentTest {

    @Test
    void databaseUrlBecomesTheDatasource() {
        assertThat(ChatsyncEnvironment.datasourceOf("postgres://lms:s%40cret@db.internal:5433/lms_ecenter?sslmode=require"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "spring.datasource.url", "jdbc:postgresql://db.internal:5433/lms_ecenter?sslmode=require",
                        "spring.datasource.username", "lms",
                        "spring.datasource.password", "s@cret"));
    }

    @Test
    void databaseUrlWithoutCredentialsOrPortKeepsTheDriversDefaults() {
        assertThat(ChatsyncEnvironment.datasourceOf("postgresql://localhost/lms_ecenter"))
                .containsExactlyEntriesOf(Map.of("spring.datasource.url", "jdbc:postgresql://localhost/lms_ecenter"));
    }

    @Test
    void jdbcDatabaseUrlIsTakenAsItIs() {
        assertThat(ChatsyncEnvironment.datasourceOf("jdbc:postgresql://127.0.0.1:5432/test?user=postgres"))
                .containsEntry("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    }

    @Test
    void otherSchemesAreRefusedWithoutEchoingTheSecret() {
        assertThatThrownBy(() -> ChatsyncEnvironment.datasourceOf("mysql://root:topsecret@db/lms"))
                .hasMessageContaining("postgres://")
                .hasMessageNotContaining("topsecret");
    }
}
