package io.chatsync.adapters.postgres.store;

import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Offers the store to the application through its ports; the store class itself stays in this package. */
@Configuration(proxyBeanMethods = false)
public class ChatStoreConfiguration {

    @Bean
    PostgresChatStore chatStore(DSLContext sql) {
        return new PostgresChatStore(sql);
    }

    @Bean
    PostgresCutOffs cutOffs(DSLContext sql) {
        return new PostgresCutOffs(sql);
    }
}
