package io.chatsync.bootstrap.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chatsync.application.resume.SessionsPort;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The demo's tokens: HS256, signed with a key derived from the database's shared key ({@code chat_resume_key}), so
 * every demo node on one database accepts the tokens of the others and no secret is configured or printed.
 */
public final class DemoTokens {

    /** How long a demo token lasts: a working day of trying things. */
    static final Duration LIFETIME = Duration.ofHours(8);

    private final SecretKey key;
    private final Clock clock;
    private final @Nullable String issuer;
    private final @Nullable String audience;

    DemoTokens(SessionsPort sessions, Clock clock, @Nullable String issuer, @Nullable String audience) {
        this.key = derive(sessions.offsetKey());
        this.clock = clock;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** HMAC-SHA256 of a fixed label under the shared key: its own key, which says nothing of the shared one. */
    static SecretKey derive(byte[] shared) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(shared, "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal("chatsync demo tokens".getBytes(StandardCharsets.UTF_8)),
                    "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The key tokens are checked with. */
    public SecretKey key() {
        return key;
    }

    /** A token for the demo user, as the LMS would issue it. */
    String mint(DemoUser user) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(user.id())
                .claim("role", user.role())
                .claim("name", user.name())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)));
        if (issuer != null) {
            claims.issuer(issuer);
        }
        if (audience != null) {
            claims.audience(audience);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a demo token for " + user.id(), e);
        }
        return jwt.serialize();
    }
}
