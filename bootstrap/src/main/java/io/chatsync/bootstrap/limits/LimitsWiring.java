package io.chatsync.bootstrap.limits;

import io.chatsync.bootstrap.scheduling.DaemonSchedulers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every user's allowance, shared by the sockets and the HTTP API of this node. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
public class LimitsWiring {

    @Bean
    TokenBuckets actionLimits(LimitsProperties properties, MeterRegistry meters) {
        return new TokenBuckets(properties, meters);
    }

    /** Forgets the users whose allowance is whole again, once a minute. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService limitsSweeper(TokenBuckets buckets) {
        return DaemonSchedulers.every("chatsync-limits-sweeper", Duration.ofMinutes(1), Duration.ofMinutes(1),
                buckets::forgetFull);
    }
}
