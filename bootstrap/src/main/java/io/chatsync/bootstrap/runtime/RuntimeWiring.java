package io.chatsync.bootstrap.runtime;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RuntimeWiring {

    @Bean
    StartupHeap startupHeap() {
        return new StartupHeap();
    }
}
