package io.chatsync.bootstrap.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chatsync.adapters.socketio.gateway.InvalidTokenException;
import io.chatsync.bootstrap.testing.Tokens;
import io.chatsync.domain.thread.Participant;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class JwtParticipantsTest {

    static AuthProperties auth(String issuer, String audience) {
        return new AuthProperties(Tokens.SECRET, null, null, null, null, null, issuer, audience);
    }

    static JwtParticipants participants(AuthProperties auth) {
        return new JwtParticipants(new IdentityConfiguration().jwtDecoder(auth), auth);
    }

    static String token(String issuer, String audience, String role, String subject) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).claim("role", role)
                .expirationTime(Date.from(Instant.now().plusSeconds(600)));
        if (issuer != null) {
            claims.issuer(issuer);
        }
        if (audience != null) {
            claims.audience(audience);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(Tokens.SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void rolesDecideTheSide() throws Exception {
        JwtParticipants participants = participants(auth(null, null));

        assertThat(participants.verify(token(null, null, "student", "12"))).isEqualTo(Participant.student(12));
        assertThat(participants.verify(token(null, null, "teacher", "co.lan"))).isEqualTo(Participant.staff("co.lan"));
        assertThatThrownBy(() -> participants.verify(token(null, null, "parent", "7")))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("neither a student nor a staff role");
        assertThatThrownBy(() -> participants.verify(token(null, null, "student", "not-a-number")))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("numeric");
    }

    @Test
    void aConfiguredIssuerAndAudienceAreRequired() throws Exception {
        JwtParticipants participants = participants(auth("https://lms.example", "chatsync"));

        assertThat(participants.verify(token("https://lms.example", "chatsync", "student", "3")))
                .isEqualTo(Participant.student(3));
        for (String wrong : List.of(token("https://other.example", "chatsync", "student", "3"),
                token("https://lms.example", "gradebook", "student", "3"), token(null, null, "student", "3"))) {
            assertThatThrownBy(() -> participants.verify(wrong)).isInstanceOf(InvalidTokenException.class)
                    .hasMessageStartingWith("invalid token");
        }
    }

    @Test
    void aMalformedTokenSaysSoWithoutEchoingIt() {
        JwtParticipants participants = participants(auth(null, null));

        assertThatThrownBy(() -> participants.verify("eyJhbGciOiJIUzI1NiJ9.garbage.sig"))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("invalid token: malformed, or not signed with the LMS key");
    }
}
