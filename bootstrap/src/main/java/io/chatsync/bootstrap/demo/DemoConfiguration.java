package io.chatsync.bootstrap.demo;

import io.chatsync.adapters.postgres.demo.DemoRoster;
import io.chatsync.application.resume.SessionsPort;
import io.chatsync.bootstrap.gateway.GatewayPorts;
import io.chatsync.bootstrap.identity.AuthProperties;
import java.time.Clock;
import javax.crypto.SecretKey;
import org.jspecify.annotations.Nullable;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * A demo node ({@code chatsync.demo.enabled}, or {@code --demo}): its users seeded, their tokens signed with a key
 * derived from the database's shared key, and the console's address printed once the node is up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("chatsync.demo.enabled")
public class DemoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DemoConfiguration.class);

    /** Refuses the LMS's keys before anything of the demo is made: a node with them serves a site. */
    DemoConfiguration(AuthProperties auth) {
        if (present(auth.jwtSecret()) || present(auth.jwksUrl())) {
            throw new IllegalStateException("chatsync.demo.enabled signs its own tokens: unset chatsync.auth.jwt-secret "
                    + "and chatsync.auth.jwks-url, or leave the demo off on a site's database");
        }
    }

    @Bean
    DemoTokens demoTokens(SessionsPort sessions, Clock clock, AuthProperties auth) {
        return new DemoTokens(sessions, clock, blankToNull(auth.issuer()), blankToNull(auth.audience()));
    }

    /** The key the node's token check uses instead of the LMS's (IdentityConfiguration asks for it by this name). */
    @Bean
    SecretKey demoSigningKey(DemoTokens tokens) {
        return tokens.key();
    }

    @Bean
    DemoUsers demoUsers(DSLContext sql) {
        return new DemoUsers(new DemoRoster(sql));
    }

    @Bean
    DemoPorts demoPorts(Environment environment, GatewayPorts ports) {
        return new DemoPorts(environment, ports);
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> demoAnnouncement(DemoPorts ports, DemoUsers users) {
        return ready -> {
            StringBuilder where = new StringBuilder();
            ports.staff().ifPresent(port -> where.append(" staff: http://localhost:").append(port).append("/console/"));
            ports.students().ifPresent(port -> where.append(" students: http://localhost:").append(port)
                    .append("/console/"));
            log.warn("Demo mode: {} demo users, whose tokens anyone who reaches this node may have; never run it on a "
                    + "site's database. Open the console and sign in as one of them:{}", users.all().size(), where);
        };
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static @Nullable String blankToNull(String value) {
        return present(value) ? value : null;
    }
}
