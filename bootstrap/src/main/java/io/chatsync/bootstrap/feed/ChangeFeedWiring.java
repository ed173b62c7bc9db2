package io.chatsync.bootstrap.feed;

import io.chatsync.adapters.postgres.feed.ChangeFeedState;
import org.springframework.boot.health.contributor.Health;
import com.zaxxer.hikari.HikariDataSource;
import io.chatsync.adapters.postgres.feed.ChangeFeedSettings;
import io.chatsync.adapters.postgres.feed.ChangeFeedStatus;
import io.chatsync.bootstrap.ChatsyncProperties;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The feed connects to the pool's database with its own connection, and reports itself as {@code changeFeed}. */
@Configuration(proxyBeanMethods = false)
public class ChangeFeedWiring {

    @Bean
    ChangeFeedSettings changeFeedSettings(DataSource dataSource, ChatsyncProperties properties) throws Exception {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        ChatsyncProperties.Feed feed = properties.feed();
        return new ChangeFeedSettings(properties.nodeName(), pool.getJdbcUrl(), pool.getUsername(), pool.getPassword(),
                feed.pollInterval(), feed.socketTimeout(), feed.backoffBase(), feed.backoffCap(), feed.batchSize(),
                feed.readSpacing());
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
