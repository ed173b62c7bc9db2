package io.chatsync.adapters.postgres.store;

import io.chatsync.adapters.postgres.lms.RowSettings;
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
    PostgresChatStore chatStore(DSLContext sql, ChatRowReader rows, ThreadSummary summary) {
        return new PostgresChatStore(sql, rows, summary);
    }

    /** Fills the conversation summary of a database whose chats had rows before chatsync counted them. */
    @Bean(initMethod = "start", destroyMethod = "stop")
    ThreadSummary threadSummary(DSLContext sql) {
        return new ThreadSummary(sql);
    }

    @Bean
    PostgresCutOffs cutOffs(DSLContext sql) {
        return new PostgresCutOffs(sql);
    }
}
