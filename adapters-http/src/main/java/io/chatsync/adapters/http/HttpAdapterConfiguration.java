package io.chatsync.adapters.http;

import io.chatsync.adapters.http.api.ChangesController;
import io.chatsync.adapters.http.api.ConversationsController;
import io.chatsync.adapters.http.api.Problems;
import io.chatsync.adapters.http.api.RequestSizeLimit;
import io.chatsync.adapters.http.api.ThreadsController;
import io.chatsync.adapters.http.console.ConsolePage;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The HTTP API under {@code /api}; callers are authenticated by the node's resource server, whose principal is
 * the {@link io.chatsync.domain.thread.Participant}. The OpenAPI document is generated from the controllers (springdoc) at {@code /api/openapi}, and
 * the console at {@code /console/}.
 */
@Configuration(proxyBeanMethods = false)
@Import({ThreadsController.class, ConversationsController.class, ChangesController.class, Problems.class,
        ConsolePage.class})
public class HttpAdapterConfiguration {

    /** The largest request body the API reads; a 4,000-character message in JSON needs under 20 kB. */
    public static final long MAX_BODY_BYTES = 64 * 1024;

    private static final String LMS_TOKEN = "lmsToken";

    /** The document's title, and the LMS token every call but the document's own carries. */
    @Bean
    OpenAPI apiDescription() {
        return new OpenAPI()
                .info(new Info().title("chatsync HTTP API").version("0.1.0").description("History, posting, read "
                        + "state, conversation lists and catching up, for the LMS's staff and students, beside the "
                        + "Socket.IO events (docs/protocol.md). Errors are RFC 9457 problem details."))
                .components(new Components().addSecuritySchemes(LMS_TOKEN, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("the LMS's token; its role claim decides staff or student")))
                .addSecurityItem(new SecurityRequirement().addList(LMS_TOKEN));
    }

    @Bean
    RequestSizeLimit requestSizeLimit() {
        return new RequestSizeLimit(MAX_BODY_BYTES);
    }
}
