package io.chatsync.benchmark;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** LMS tokens (HS256 JWTs) for the load clients, signed with the secret the benchmark gives its nodes. */
final class Tokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secret;

    Tokens(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    String student(int userId) {
        return sign(String.valueOf(userId), "student");
    }

    String staff(int index) {
        return sign("teacher-" + index, "teacher");
    }

    private String sign(String subject, String role) {
        long now = System.currentTimeMillis() / 1000;
        String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String claims = encode("{\"sub\":\"" + subject + "\",\"role\":\"" + role + "\",\"iat\":" + (now - 60)
                + ",\"exp\":" + (now + 6 * 3600) + "}");
        String signingInput = header + "." + claims;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + BASE64URL.encodeToString(mac.doFinal(
                    signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
