package io.chatsync.adapters.postgres.sessions;

import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Offers the resumable sessions' table to the application through its port. */
@Configuration(proxyBeanMethods = false)
public class SessionsConfiguration {

    @Bean
    PostgresSessions sessionsStore(DSLContext sql) {
        return new PostgresSessions(sql);
    }
}
