package io.chatsync.bootstrap.identity;

import io.chatsync.adapters.http.HttpAdapterConfiguration;
import io.chatsync.adapters.socketio.gateway.InvalidTokenException;
import io.chatsync.domain.thread.Participant;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The HTTP API as an OAuth2 resource server on the same JWT check as the sockets; the authenticated principal is
 * the {@link Participant}. Only {@code /api/**} is secured here: the sockets authenticate at their CONNECT.
 */
@Configuration(proxyBeanMethods = false)
@Import(HttpAdapterConfiguration.class)
public class ApiSecurity {

    @Bean
    SecurityFilterChain api(HttpSecurity http, JwtParticipants participants) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        // The API's description (springdoc: /api/openapi, /api/openapi.yaml) and its UI.
                        .requestMatchers("/api/openapi", "/api/openapi.yaml", "/api/openapi/**", "/api/docs",
                                "/api/docs/**", "/api/swagger-ui/**").permitAll()
                        // Only a demo node answers these (DemoController); elsewhere they are 404, not 401.
                        .requestMatchers("/api/demo/**").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(token -> authenticate(participants, token)))
                        .authenticationEntryPoint(problemEntryPoint()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    private static AbstractAuthenticationToken authenticate(JwtParticipants participants, Jwt jwt) {
        try {
            return new ParticipantAuthentication(participants.participant(jwt), jwt);
        } catch (InvalidTokenException e) {
            throw new InvalidBearerTokenException(e.getMessage());
        }
    }

    /** 401 with the {@code WWW-Authenticate} header the bearer scheme asks for, and a problem body. */
    private static AuthenticationEntryPoint problemEntryPoint() {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, exception) -> {
            bearer.commence(request, response, exception);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            String detail = exception.getMessage() == null ? "authentication required" : exception.getMessage();
            response.getWriter().write("{\"type\":\"https://chatsync.example/problems/unauthorized\","
                    + "\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"" + jsonEscape(detail)
                    + ": send the LMS token as Authorization: Bearer <token>\"}");
        };
    }

    private static String jsonEscape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /** An authenticated caller: the participant the token names. */
    static final class ParticipantAuthentication extends AbstractAuthenticationToken {

        private static final long serialVersionUID = 1L;

        private final transient Participant participant;
        private final transient Jwt jwt;

        ParticipantAuthentication(Participant participant, Jwt jwt) {
            super(List.of());
            this.participant = participant;
            this.jwt = jwt;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return jwt;
        }

        @Override
        public Object getPrincipal() {
            return participant;
        }
    }
}
