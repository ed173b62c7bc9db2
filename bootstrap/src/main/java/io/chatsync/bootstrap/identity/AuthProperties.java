package io.chatsync.bootstrap.identity;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How LMS tokens are checked, under {@code chatsync.auth.*}.
 *
 * @param jwtSecret the HS256 secret the LMS signs with (at least 32 bytes); or
 * @param jwksUrl where the LMS publishes its signing keys
 * @param userIdClaim the claim holding the LMS user id ({@code sub})
 * @param roleClaim the claim holding the role, a string or a list ({@code role})
 * @param studentRoles roles that make the holder a student ({@code student})
 * @param staffRoles roles that make the holder staff ({@code teacher}, {@code staff}, {@code admin})
 * @param issuer when set, the {@code iss} every token must carry
 * @param audience when set, a value the token's {@code aud} must contain
 * @param clockSkew how far the LMS's clock may be from this node's when expiry and not-before are checked (30 s);
 *     a socket is closed once its token's expiry is this far past
 */
@ConfigurationProperties("chatsync.auth")
public record AuthProperties(String jwtSecret, String jwksUrl, String userIdClaim, String roleClaim,
        List<String> studentRoles, List<String> staffRoles, String issuer, String audience, Duration clockSkew) {

    public AuthProperties {
        userIdClaim = userIdClaim == null ? "sub" : userIdClaim;
        roleClaim = roleClaim == null ? "role" : roleClaim;
        studentRoles = studentRoles == null ? List.of("student") : List.copyOf(studentRoles);
        staffRoles = staffRoles == null ? List.of("teacher", "staff", "admin") : List.copyOf(staffRoles);
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("chatsync.auth.clock-skew is not negative, got " + clockSkew);
        }
    }

    @Override
    public String toString() {
        return "AuthProperties[jwtSecret=" + (jwtSecret == null ? "unset" : "***") + ", jwksUrl=" + jwksUrl
                + ", userIdClaim=" + userIdClaim + ", roleClaim=" + roleClaim + ", studentRoles=" + studentRoles
                + ", staffRoles=" + staffRoles + ", issuer=" + issuer + ", audience=" + audience + ", clockSkew=" + clockSkew + "]";
    }
}
