package io.chatsync.bootstrap.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** LMS tokens for the tests, signed with the test secret (or another one, to forge). */
public final class Tokens {

    public static final String SECRET = "test-secret-of-the-lms-that-is-at-least-32-bytes";

    private Tokens() {
    }

    public static String student(int userId) {
        return sign(SECRET, String.valueOf(userId), "student", Duration.ofHours(1));
    }

    public static String staff(String userId) {
        return sign(SECRET, userId, "teacher", Duration.ofHours(1));
    }

    public static String expiredStudent(int userId) {
        return sign(SECRET, String.valueOf(userId), "student", Duration.ofHours(-1));
    }

    public static String forgedStudent(int userId) {
        return sign("another-secret-that-is-also-at-least-32-bytes", String.valueOf(userId), "student",
                Duration.ofHours(1));
    }

    public static String sign(String secret, String subject, String role, Duration validFor) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("role", role)
                .issueTime(Date.from(now.minus(Duration.ofHours(2))))
                .expirationTime(Date.from(now.plus(validFor)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
        return jwt.serialize();
    }
}
