package io.chatsync.adapters.http.api;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What springdoc cannot read off the controllers: the document's title, the LMS token every call carries, and the
 * refusals each endpoint names with {@link Refusals}, described once here.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDescription {

    private static final String LMS_TOKEN = "lmsToken";
    private static final String PROBLEM = "Problem";

    /** Each refusal as the API means it, whichever endpoint answers it. */
    static final Map<Integer, String> REFUSALS = Map.of(
            400, "a missing or wrongly typed field, or a body breaking a rule; field names it",
            401, "no token, or an expired, forged or unusable one",
            403, "another student's thread, the wrong sender, or the other side's endpoint",
            404, "staff posting into the thread of a student the LMS does not know",
            409, "an Idempotency-Key that already named a different message of this user",
            410, "an offset older than the change log's retention: reload the history",
            413, "a body over 64 KiB, refused before it is read",
            429, "the caller is over their allowance; nothing was done (Retry-After, retryAfterMs)");

    @Bean
    OpenAPI apiDescription() {
        Components components = new Components().addSecuritySchemes(LMS_TOKEN, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("the LMS's token; its role claim decides staff or student"));
        ModelConverters.getInstance().read(ProblemSchema.class).forEach(components::addSchemas);
        return new OpenAPI()
                .info(new Info().title("chatsync HTTP API").version("0.1.0").description("History, posting, read "
                        + "state, conversation lists and catching up, for the LMS's staff and students, beside the "
                        + "Socket.IO events (docs/protocol.md). Errors are RFC 9457 problem details."))
                .components(components)
                .addSecurityItem(new SecurityRequirement().addList(LMS_TOKEN));
    }

    @Bean
    OperationCustomizer documentedRefusals() {
        return (operation, handler) -> {
            Refusals refusals = handler.getMethodAnnotation(Refusals.class);
            if (refusals != null) {
                for (int status : refusals.value()) {
                    String description = REFUSALS.get(status);
                    if (description == null) {
                        throw new IllegalStateException(handler + " names refusal " + status
                                + ", which ApiDescription.REFUSALS does not describe");
                    }
                    operation.getResponses().addApiResponse(Integer.toString(status), new ApiResponse()
                            .description(description)
                            .content(new Content().addMediaType("application/problem+json", new MediaType()
                                    .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
                }
            }
            return operation;
        };
    }
}
