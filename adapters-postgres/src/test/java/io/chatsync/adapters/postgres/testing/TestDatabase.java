package io.chatsync.adapters.postgres.testing;

import io.chatsync.adapters.postgres.ChatsyncMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of the test class's own on the {@link PostgresServer}, migrated (or left empty with
 * {@link #empty()}) before the first test and dropped after the last.
 *
 * <pre>{@code @RegisterExtension static final TestDatabase database = TestDatabase.migrated();}</pre>
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {

    private final boolean migrate;
    private String url;
    private PGSimpleDataSource dataSource;

    private TestDatabase(boolean migrate) {
        this.migrate = migrate;
    }

    public static TestDatabase migrated() {
        return new TestDatabase(true);
    }

    public static TestDatabase empty() {
        return new TestDatabase(false);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        url = PostgresServer.get().createDatabase(context.getRequiredTestClass().getSimpleName());
        dataSource = dataSource("chatsync:test:pool");
        if (migrate) {
            ChatsyncMigrations.migrate(dataSource);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        PostgresServer.get().dropDatabase(url);
    }

    /** The JDBC URL of this class's database, user and password included. */
    public String url() {
        return url;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** A data source whose connections show {@code applicationName} in {@code pg_stat_activity}. */
    public PGSimpleDataSource dataSource(String applicationName) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url);
        source.setApplicationName(applicationName);
        return source;
    }

    public DSLContext dsl() {
        return DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }
}
