package io.chatsync.adapters.postgres.feed;

import io.chatsync.adapters.postgres.store.ChatRowReader;
import io.chatsync.application.delivery.DeliverChangesUseCase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts the node's change feed with the context and stops it, {@code UNLISTEN} included, when it closes. */
@Configuration(proxyBeanMethods = false)
public class ChangeFeedConfiguration {

    @Bean(initMethod = "start", destroyMethod = "stop")
    FeedSupervisor changeFeedSupervisor(ChangeFeedSettings settings, ChatRowReader rows,
            DeliverChangesUseCase delivery, MeterRegistry meters, Clock clock) {
        return new FeedSupervisor(settings, rows, delivery, meters, clock);
    }

    /** Changes read again for resumed sessions. */
    @Bean
    ChangeReplay changeReplay(DSLContext sql, ChatRowReader rows) {
        return new ChangeReplay(sql, rows);
    }
}
