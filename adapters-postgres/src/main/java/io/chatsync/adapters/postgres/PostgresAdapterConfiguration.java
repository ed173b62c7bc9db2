package io.chatsync.adapters.postgres;

import io.chatsync.adapters.postgres.feed.ChangeFeedConfiguration;
import io.chatsync.adapters.postgres.sessions.SessionsConfiguration;
import io.chatsync.adapters.postgres.store.ChatStoreConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The PostgreSQL side of chatsync as beans of the application's ports; its classes stay package-private. */
@Configuration(proxyBeanMethods = false)
@Import({ChatStoreConfiguration.class, ChangeFeedConfiguration.class, SessionsConfiguration.class})
public class PostgresAdapterConfiguration {
}
