package io.chatsync.adapters.http;

import io.chatsync.adapters.http.api.ApiDescription;
import io.chatsync.adapters.http.api.ChangesController;
import io.chatsync.adapters.http.api.ConversationsController;
import io.chatsync.adapters.http.api.Problems;
import io.chatsync.adapters.http.api.RequestSizeLimit;
import io.chatsync.adapters.http.api.ThreadsController;
import io.chatsync.adapters.http.console.ConsolePage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The HTTP API under {@code /api}; callers are authenticated by the node's resource server, whose principal is
 * the {@link io.chatsync.domain.thread.Participant}. The OpenAPI document is generated from the controllers
 * (springdoc, with {@link ApiDescription}) at {@code /api/openapi}; the console is at {@code /console/}.
 */
@Configuration(proxyBeanMethods = false)
@Import({ThreadsController.class, ConversationsController.class, ChangesController.class, Problems.class,
        ApiDescription.class, ConsolePage.class})
public class HttpAdapterConfiguration {

    /** The largest request body the API reads; a 4,000-character message in JSON needs under 20 kB. */
    public static final long MAX_BODY_BYTES = 64 * 1024;

    @Bean
    RequestSizeLimit requestSizeLimit() {
        return new RequestSizeLimit(MAX_BODY_BYTES);
    }
}
