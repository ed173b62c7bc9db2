package io.chatsync.adapters.postgres.store;

import io.chatsync.adapters.postgres.RowSettings;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Offers the store to the application through its ports; the store class itself stays in this package. */
@Configuration(proxyBeanMethods = false)
public class ChatStoreConfiguration {

    @Bean
    ChatRowReader chatRowReader(RowSettings settings) {
        return new ChatRowReader(settings.legacyTimeZone());
    }

    @Bean
    PostgresChatStore chatStore(DSLContext sql, ChatRowReader rows) {
        return new PostgresChatStore(sql, rows);
    }

    @Bean
    PostgresCutOffs cutOffs(DSLContext sql) {
        return new PostgresCutOffs(sql);
    }
}
