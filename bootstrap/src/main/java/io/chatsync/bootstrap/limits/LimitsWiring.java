package io.chatsync.bootstrap.limits;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chatsync-limits-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(buckets::forgetFull, 1, 1, TimeUnit.MINUTES);
        return sweeper;
    }
}
