package io.chatsync.adapters.postgres;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * How chatsync runs its Flyway migrations, in one place for the service and the tests.
 *
 * <p>An existing LMS database has {@code users} and {@code chats} but no Flyway history: it is baselined at
 * version 0, so every chatsync migration still runs, and each one only adds (tables, indexes, triggers) with
 * {@code IF NOT EXISTS} where the LMS may already have the object.
 */
public final class ChatsyncMigrations {

    public static final String LOCATION = "classpath:db/migration";

    private ChatsyncMigrations() {
    }

    /** Applies chatsync's settings to {@code configuration}; returns it. */
    public static FluentConfiguration configure(FluentConfiguration configuration) {
        return configuration
                .locations(LOCATION)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("existing LMS schema");
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return configure(Flyway.configure()).dataSource(dataSource).load().migrate();
    }
}
