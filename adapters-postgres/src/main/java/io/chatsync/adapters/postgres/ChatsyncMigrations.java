package io.chatsync.adapters.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * How chatsync runs its Flyway migrations, in one place for the service and the tests.
 *
 * <p>Tables and columns come from versioned migrations; the functions and triggers every writer runs come from
 * repeatable ones ({@code R__}), edited in place and run again after the versioned ones when they change. An
 * existing LMS database has {@code users} and {@code chats} but no Flyway history: it is baselined at version 0,
 * so every chatsync migration still runs, and each one only adds, with {@code IF NOT EXISTS} where the LMS may
 * already have the object.
 */
public final class ChatsyncMigrations {

    public static final String LOCATION = "classpath:db/migration";

    /** A script only the development builds before the history was rewritten (0.1.0) applied. */
    private static final String REWRITTEN_SCRIPT = "V3__chat_change_log.sql";

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
        return migrate(configure(Flyway.configure()).dataSource(dataSource).load());
    }

    /**
     * Runs {@code flyway}'s migrations.
     *
     * @throws IllegalStateException when its database holds the schema of a development build from before the
     *         rewrite
     */
    public static MigrateResult migrate(Flyway flyway) {
        try {
            return flyway.migrate();
        } catch (FlywayValidateException invalid) {
            if (madeBeforeTheRewrite(flyway.getConfiguration().getDataSource())) {
                throw new IllegalStateException("This database holds chatsync's schema as development builds before "
                        + "0.1.0 made it; that history was rewritten once, so recreate the database (for the "
                        + "embedded one, delete its data directory). README.md, \"Changes\".", invalid);
            }
            throw invalid;
        }
    }

    private static boolean madeBeforeTheRewrite(DataSource dataSource) {
        String sql = "SELECT count(*) FROM flyway_schema_history WHERE script = '" + REWRITTEN_SCRIPT + "'";
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() && rows.getLong(1) > 0;
        } catch (SQLException unreadable) {
            throw new IllegalStateException("Flyway refused the database's migration history, which could not be "
                    + "read to say why", unreadable);
        }
    }
}
