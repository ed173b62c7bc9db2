package io.chatsync.bootstrap.identity;

import io.chatsync.adapters.socketio.gateway.InvalidTokenException;
import io.chatsync.adapters.socketio.gateway.TokenVerifier;
import io.chatsync.domain.thread.Participant;
import java.util.Collection;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/** An LMS JWT, checked by the shared {@link JwtDecoder}, read as the student or member of staff it names. */
public final class JwtParticipants implements TokenVerifier {

    private static final Logger log = LoggerFactory.getLogger(JwtParticipants.class);

    private final JwtDecoder decoder;
    private final AuthProperties properties;
    private final CutOffList cutOffs;

    public JwtParticipants(JwtDecoder decoder, AuthProperties properties, CutOffList cutOffs) {
        this.decoder = decoder;
        this.properties = properties;
        this.cutOffs = cutOffs;
    }

    @Override
    public VerifiedToken verify(String token) throws InvalidTokenException {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtValidationException e) {
            // Which claim failed (expired, wrong issuer) helps the client and reveals nothing of the server.
            throw new InvalidTokenException("invalid token: " + e.getErrors().stream()
                    .map(OAuth2Error::getDescription).collect(Collectors.joining("; ")));
        } catch (BadJwtException e) {
            throw new InvalidTokenException("invalid token: malformed, or not signed with the LMS key");
        } catch (JwtException e) {
            // Anything else (the JWKS unreachable, say) is the server's trouble: logged here, not told to clients.
            log.warn("Could not check a token: {}", e.getMessage());
            throw new InvalidTokenException("invalid token: it could not be checked now; try again later");
        }
        // The decoder's validator refuses a token without an expiry, so every socket has one to be closed at: when
        // the validator would refuse the token, its expiry plus the allowed clock skew.
        return new VerifiedToken(participant(jwt), jwt.getExpiresAt().plus(properties.clockSkew()));
    }

    /**
     * @throws InvalidTokenException when the claims name no user or no known role, or the user was cut off after
     *     the token was issued
     */
    public Participant participant(Jwt jwt) throws InvalidTokenException {
        Participant participant = named(jwt);
        if (cutOffs.covers(participant) && cutOffs.refuses(participant, issuedAt(jwt))) {
            throw new InvalidTokenException("this user was cut off by an operator; tokens issued before that are "
                    + "refused");
        }
        return participant;
    }

    /**
     * The token's own {@code iat}, if it has one: Spring's {@link Jwt} fills one in just before the
     * expiry, which would let an undated token past a cut-off.
     */
    private static @Nullable Instant issuedAt(Jwt jwt) throws InvalidTokenException {
        try {
            Date issued = JWTParser.parse(jwt.getTokenValue()).getJWTClaimsSet().getIssueTime();
            return issued == null ? null : issued.toInstant();
        } catch (ParseException e) {
            throw new InvalidTokenException("invalid token: malformed");
        }
    }

    private Participant named(Jwt jwt) throws InvalidTokenException {
        Object userId = jwt.getClaims().get(properties.userIdClaim());
        if (userId == null || userId.toString().isBlank()) {
            throw new InvalidTokenException("the token has no '" + properties.userIdClaim() + "' claim");
        }
        List<String> roles = roles(jwt.getClaims().get(properties.roleClaim()));
        if (roles.stream().anyMatch(properties.studentRoles()::contains)) {
            try {
                return Participant.student(Integer.parseInt(userId.toString()));
            } catch (IllegalArgumentException e) {
                throw new InvalidTokenException("a student's '" + properties.userIdClaim()
                        + "' claim must be their positive numeric LMS user id");
            }
        }
        if (roles.stream().anyMatch(properties.staffRoles()::contains)) {
            return Participant.staff(userId.toString());
        }
        throw new InvalidTokenException("the token's '" + properties.roleClaim() + "' claim " + roles
                + " names neither a student nor a staff role");
    }

    private static List<String> roles(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return claim == null ? List.of() : List.of(claim.toString());
    }
}
