package io.chatsync.bootstrap.database;

import io.chatsync.adapters.postgres.ChatsyncMigrations;
import io.chatsync.adapters.postgres.lms.GuideTriggers;
import org.jooq.DSLContext;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Boot runs Flyway at start with chatsync's settings, so a legacy LMS database is baselined, not refused; what the
 * LMS database brought that chatsync must know of (the guide's own triggers) is then checked.
 */
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

    /** In readiness as {@code guideTriggers}; logs them once at start. */
    @Bean
    GuideTriggersCheck guideTriggers(DSLContext sql) {
        return new GuideTriggersCheck(new GuideTriggers(sql));
    }
}
