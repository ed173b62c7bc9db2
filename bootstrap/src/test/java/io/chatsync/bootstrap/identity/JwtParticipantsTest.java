package io.chatsync.bootstrap.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chatsync.adapters.socketio.gateway.ConnectedSockets;
import io.chatsync.adapters.socketio.gateway.InvalidTokenException;
import io.chatsync.adapters.socketio.gateway.Refusals;
import io.chatsync.application.access.CutOff;
import io.chatsync.application.access.CutOffsPort;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.chatsync.bootstrap.testing.Tokens;
import io.chatsync.domain.thread.Participant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class JwtParticipantsTest {

    static AuthProperties auth(String issuer, String audience) {
        return new AuthProperties(Tokens.SECRET, null, null, null, null, null, issuer, audience, Duration.ZERO);
    }

    /** Cut-offs kept in memory, as the database would keep them. */
    static class CutOffsInMemory implements CutOffsPort {

        final Map<Participant, CutOff> cutOffs = new ConcurrentHashMap<>();

        @Override
        public CutOff cutOff(Participant user) {
            CutOff cutOff = new CutOff(user, Instant.now());
            cutOffs.put(user, cutOff);
            return cutOff;
        }

        @Override
        public boolean lift(Participant user) {
            return cutOffs.remove(user) != null;
        }

        @Override
        public List<CutOff> all() {
            return List.copyOf(cutOffs.values());
        }
    }

    static JwtParticipants participants(AuthProperties auth) {
        return participants(auth, new CutOffList(new CutOffsInMemory(),
                new ConnectedSockets(new Refusals(new SimpleMeterRegistry()))));
    }

    static JwtParticipants participants(AuthProperties auth, CutOffList cutOffs) {
        return new JwtParticipants(new IdentityConfiguration().lmsDecoder(auth), auth, cutOffs);
    }

    static String token(String issuer, String audience, String role, String subject) throws Exception {
        return token(issuer, audience, role, subject, Instant.now().plusSeconds(600), null);
    }

    static String token(String issuer, String audience, String role, String subject, Instant expiresAt,
            Instant issuedAt) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).claim("role", role)
                .expirationTime(expiresAt == null ? null : Date.from(expiresAt))
                .issueTime(issuedAt == null ? null : Date.from(issuedAt));
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

        assertThat(participants.verify(token(null, null, "student", "12")).participant()).isEqualTo(Participant.student(12));
        assertThat(participants.verify(token(null, null, "teacher", "co.lan")).participant()).isEqualTo(Participant.staff("co.lan"));
        assertThatThrownBy(() -> participants.verify(token(null, null, "parent", "7")))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("neither a student nor a staff role");
        assertThatThrownBy(() -> participants.verify(token(null, null, "student", "not-a-number")))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("numeric");
    }

    @Test
    void aConfiguredIssuerAndAudienceAreRequired() throws Exception {
        JwtParticipants participants = participants(auth("https://lms.example", "chatsync"));

        assertThat(participants.verify(token("https://lms.example", "chatsync", "student", "3")).participant())
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

    @Test
    void aTokenWithoutAnExpiryIsRefused() throws Exception {
        JwtParticipants participants = participants(auth(null, null));

        assertThatThrownBy(() -> participants.verify(token(null, null, "student", "4", null, Instant.now())))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("no expiry");
    }

    @Test
    void aTokenCarriesItsExpiryToTheSocket() throws Exception {
        Instant expiry = Instant.now().plusSeconds(90).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        assertThat(participants(auth(null, null)).verify(token(null, null, "student", "4", expiry, null)).expiresAt())
                .isEqualTo(expiry);
    }

    @Test
    void aCutOffUserIsRefusedTheirOlderTokensButNotOnesIssuedAfter() throws Exception {
        CutOffsInMemory store = new CutOffsInMemory();
        CutOffList cutOffs = new CutOffList(store, new ConnectedSockets(new Refusals(new SimpleMeterRegistry())));
        JwtParticipants participants = participants(auth(null, null), cutOffs);
        String older = token(null, null, "student", "8", Instant.now().plusSeconds(600),
                Instant.now().minusSeconds(60));
        String undated = token(null, null, "student", "8", Instant.now().plusSeconds(600), null);
        String someoneElse = token(null, null, "student", "9", Instant.now().plusSeconds(600),
                Instant.now().minusSeconds(60));

        cutOffs.cutOff(Participant.student(8));

        assertThatThrownBy(() -> participants.verify(older)).isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("cut off");
        assertThatThrownBy(() -> participants.verify(undated)).isInstanceOf(InvalidTokenException.class);
        assertThat(participants.verify(someoneElse).participant()).isEqualTo(Participant.student(9));
        String newer = token(null, null, "student", "8", Instant.now().plusSeconds(600),
                Instant.now().plusSeconds(2));
        assertThat(participants.verify(newer).participant()).isEqualTo(Participant.student(8));

        assertThat(cutOffs.lift(Participant.student(8))).isTrue();
        assertThat(participants.verify(older).participant()).isEqualTo(Participant.student(8));
    }
}
