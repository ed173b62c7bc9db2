package io.chatsync.bootstrap.identity;

import io.chatsync.adapters.socketio.gateway.ConnectedSockets;
import io.chatsync.application.access.CutOffsPort;
import io.chatsync.bootstrap.scheduling.DaemonSchedulers;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** One JWT check for every way in: the LMS's HS256 secret, or its JWKS; without either, every token is refused. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
public class IdentityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdentityConfiguration.class);

    /**
     * @param demoKey on a demo node, the key it signs its own tokens with (DemoConfiguration, which refuses to start
     *     beside a configured secret or JWKS)
     */
    @Bean
    JwtDecoder jwtDecoder(AuthProperties auth, @Qualifier("demoSigningKey") ObjectProvider<SecretKey> demoKey) {
        SecretKey demo = demoKey.getIfAvailable();
        if (demo == null) {
            return lmsDecoder(auth);
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(demo).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(validator(auth));
        return decoder;
    }

    /** The LMS's tokens: its HS256 secret, or its JWKS; without either, a decoder that refuses every token. */
    JwtDecoder lmsDecoder(AuthProperties auth) {
        NimbusJwtDecoder decoder;
        if (auth.jwksUrl() != null && !auth.jwksUrl().isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(auth.jwksUrl()).build();
        } else if (auth.jwtSecret() != null && !auth.jwtSecret().isBlank()) {
            byte[] secret = auth.jwtSecret().getBytes(StandardCharsets.UTF_8);
            if (secret.length < 32) {
                throw new IllegalStateException("chatsync.auth.jwt-secret must be at least 32 bytes for HS256");
            }
            decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256).build();
        } else {
            decoder = null;
        }
        if (decoder != null) {
            decoder.setJwtValidator(validator(auth));
            return decoder;
        }
        log.warn("No token can be checked, so every client and API call will be refused: set chatsync.auth.jwt-secret "
                + "(CHATSYNC_AUTH_JWT_SECRET, the LMS's HS256 secret) or chatsync.auth.jwks-url, or start with --demo "
                + "to try chatsync with demo users");
        return token -> {
            throw new BadJwtException("no signing key is configured (chatsync.auth.jwt-secret or jwks-url)");
        };
    }

    /**
     * An expiry, always: a token without one would be valid for ever, and a socket that authenticated with it would
     * never be closed. Expiry and not-before checked; the issuer and audience when configured.
     */
    static OAuth2TokenValidator<Jwt> validator(AuthProperties auth) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(jwt -> jwt.getExpiresAt() != null
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                        "the token has no expiry (exp); the LMS must issue tokens that expire", null)));
        validators.add(new JwtTimestampValidator(auth.clockSkew()));
        if (auth.issuer() != null && !auth.issuer().isBlank()) {
            validators.add(new JwtIssuerValidator(auth.issuer()));
        }
        if (auth.audience() != null && !auth.audience().isBlank()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    audiences -> audiences != null && audiences.contains(auth.audience())));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    @Bean
    JwtParticipants tokenVerifier(JwtDecoder decoder, AuthProperties auth, CutOffList cutOffs) {
        return new JwtParticipants(decoder, auth, cutOffs);
    }

    @Bean
    CutOffList cutOffList(CutOffsPort store, ConnectedSockets sockets) {
        return new CutOffList(store, sockets);
    }

    /** Reads the cut-offs every second, so a user cut off on another node is disconnected here within that. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService cutOffRefresher(CutOffList cutOffs) {
        return DaemonSchedulers.every("chatsync-cutoffs", Duration.ZERO, Duration.ofSeconds(1), cutOffs::refresh);
    }

    @Bean
    CutOffEndpoint cutOffEndpoint(CutOffList cutOffs) {
        return new CutOffEndpoint(cutOffs);
    }
}
