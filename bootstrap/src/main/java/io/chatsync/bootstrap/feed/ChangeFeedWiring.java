package io.chatsync.bootstrap.feed;

import com.zaxxer.hikari.HikariDataSource;
import io.chatsync.adapters.postgres.feed.ChangeFeedSettings;
import io.chatsync.adapters.postgres.feed.ChangeFeedState;
import io.chatsync.adapters.postgres.feed.ChangeFeedStatus;
import io.chatsync.adapters.postgres.feed.LogPruner;
import io.chatsync.bootstrap.ChatsyncProperties;
import io.chatsync.bootstrap.scheduling.DaemonSchedulers;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The feed connects to the pool's database with its own connection, and reports itself as {@code changeFeed}. */
@Configuration(proxyBeanMethods = false)
public class ChangeFeedWiring {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeedWiring.class);

    @Bean
    ChangeFeedSettings changeFeedSettings(DataSource dataSource, ChatsyncProperties properties) throws Exception {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        ChatsyncProperties.Feed feed = properties.feed();
        return new ChangeFeedSettings(properties.nodeName(), pool.getJdbcUrl(), pool.getUsername(), pool.getPassword(),
                feed.pollInterval(), feed.socketTimeout(), feed.backoffBase(), feed.backoffCap(), feed.batchSize(),
                feed.readSpacing());
    }

    /** Every node prunes the change log now and then; one at a time does (docs/operations.md). */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService changeLogPruning(DSLContext sql, ChatsyncProperties properties) {
        ChatsyncProperties.Feed feed = properties.feed();
        LogPruner pruner = new LogPruner(sql, feed.retention(), feed.pruneBatch());
        AtomicBoolean failing = new AtomicBoolean();
        return DaemonSchedulers.every("change-log-pruner", feed.pruneInterval(), feed.pruneInterval(), () -> {
            try {
                pruner.prune();
                failing.set(false);
            } catch (RuntimeException e) {
                if (!failing.getAndSet(true)) {
                    log.warn("Could not prune the change log; trying again every {}: {}", feed.pruneInterval(),
                            e.getMessage());
                }
            }
        });
    }

    @Bean
    HealthIndicator changeFeed(ChangeFeedStatus status) {
        return new ChangeFeedHealth(status);
    }

    /** In the liveness group: DOWN once the feed has given up, so the node is restarted rather than left mute. */
    @Bean
    HealthIndicator changeFeedAlive(ChangeFeedStatus status) {
        return () -> status.state() == ChangeFeedState.FAILED
                ? Health.down().withDetail("state", ChangeFeedState.FAILED.name())
                        .withDetail("lastFailure", status.lastFailure().orElse("unknown")).build()
                : Health.up().withDetail("state", status.state().name()).build();
    }
}
