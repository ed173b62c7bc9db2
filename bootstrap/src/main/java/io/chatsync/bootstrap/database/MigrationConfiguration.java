package io.chatsync.bootstrap.database;

import io.chatsync.adapters.postgres.ChatsyncMigrations;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Boot runs Flyway at start with chatsync's settings, so a legacy LMS database is baselined, not refused. */
@Configuration(proxyBeanMethods = false)
public class MigrationConfiguration {

    @Bean
    FlywayConfigurationCustomizer chatsyncMigrations() {
        return ChatsyncMigrations::configure;
    }

    /** Migrates as the tests do, and says plainly when a database predates the rewritten history. */
    @Bean
    FlywayMigrationStrategy chatsyncMigrationStrategy() {
        return ChatsyncMigrations::migrate;
    }
}
