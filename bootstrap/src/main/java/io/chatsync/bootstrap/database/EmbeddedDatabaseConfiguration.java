package io.chatsync.bootstrap.database;

import com.zaxxer.hikari.HikariDataSource;
import io.chatsync.bootstrap.ChatsyncProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Where no database is configured, a node starts its own PostgreSQL whose data stays in
 * {@code chatsync.embedded-database.data-directory} across restarts.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatabaseConfigured.class)
public class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(ChatsyncProperties properties) throws IOException {
        Path directory = properties.embeddedDatabase().dataDirectory().toAbsolutePath();
        Files.createDirectories(directory);
        // The library's defaults suit throw-away test databases (fsync, synchronous_commit and full_page_writes
        // off); this one keeps what a node accepted, so a crash of the machine must not lose it.
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(properties.embeddedDatabase().port())
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
        log.warn("No database configured (spring.datasource.url or DATABASE_URL): started an embedded PostgreSQL on "
                + "port {} with its data in {}. It suits trying chatsync on one machine; nodes of a site share the "
                + "site's PostgreSQL instead", postgres.getPort(), directory);
        return postgres;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        return dataSource;
    }
}
