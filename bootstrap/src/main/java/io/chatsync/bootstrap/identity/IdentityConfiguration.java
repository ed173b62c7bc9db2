package io.chatsync.bootstrap.identity;

import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** One JWT check for every way in: the LMS's HS256 secret, or its JWKS; without either, every token is refused. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
public class IdentityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdentityConfiguration.class);

    @Bean
    JwtDecoder jwtDecoder(AuthProperties auth) {
        if (auth.jwksUrl() != null && !auth.jwksUrl().isBlank()) {
            return NimbusJwtDecoder.withJwkSetUri(auth.jwksUrl()).build();
        }
        if (auth.jwtSecret() != null && !auth.jwtSecret().isBlank()) {
            byte[] secret = auth.jwtSecret().getBytes(StandardCharsets.UTF_8);
            if (secret.length < 32) {
                throw new IllegalStateException("chatsync.auth.jwt-secret must be at least 32 bytes for HS256");
            }
            return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256).build();
        }
        log.warn("Neither chatsync.auth.jwt-secret nor chatsync.auth.jwks-url is set: every token is refused");
        return token -> {
            throw new BadJwtException("no signing key is configured (chatsync.auth.jwt-secret or jwks-url)");
        };
    }

    @Bean
    JwtParticipants tokenVerifier(JwtDecoder decoder, AuthProperties auth) {
        return new JwtParticipants(decoder, auth);
    }
}
