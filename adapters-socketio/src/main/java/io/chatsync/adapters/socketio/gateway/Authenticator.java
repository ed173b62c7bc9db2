package io.chatsync.adapters.socketio.gateway;

import io.chatsync.domain.message.Side;
import io.chatsync.domain.thread.Participant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.json.JSONException;
import org.json.JSONObject;

/** Decides who a CONNECT is: the token's participant, or on a legacy-identity port whom the client says it is. */
final class Authenticator {

    private final Side side;
    private final GatewaySettings.Admission admission;
    private final TokenVerifier tokens;

    Authenticator(Side side, GatewaySettings.Admission admission, TokenVerifier tokens) {
        this.side = side;
        this.admission = admission;
        this.tokens = tokens;
    }

    /**
     * Whom a connection authenticated as.
     *
     * @param participant absent only for a legacy-mode student socket that will say who it is with {@code join}
     * @param expiresAt when its token expires; absent for legacy identity, which has no token
     * @param session the resumable session it begins or resumes; absent where sessions are not resumed
     */
    record Identity(@Nullable Participant participant, @Nullable Instant expiresAt,
            Resumes.@Nullable Outcome session) {

        Identity(@Nullable Participant participant, @Nullable Instant expiresAt) {
            this(participant, expiresAt, null);
        }

        /** The same identity, with the resumable session its CONNECT comes to. */
        Identity resumable(Resumes.Outcome outcome) {
            return new Identity(participant, expiresAt, outcome);
        }
    }

    /**
     * @param auth the CONNECT packet's {@code auth} JSON; empty for none
     * @throws InvalidTokenException with a reason the client may read
     */
    Identity authenticate(ClientConnection connection, String auth, Map<String, String> query,
            Map<String, List<String>> headers) throws InvalidTokenException {
        JSONObject authObject;
        try {
            authObject = auth.isEmpty() ? null : new JSONObject(auth);
        } catch (JSONException e) {
            throw new InvalidTokenException("the CONNECT packet's auth is not a JSON object");
        }
        ConnectCredentials credentials = new ConnectCredentials(authObject, query, headers);
        if (admission.legacyIdentity().contains(side)) {
            return legacyIdentity(connection, credentials);
        }
        String token = credentials.token(admission.tokenQueryParameter()).orElseThrow(() ->
                new InvalidTokenException("missing token: send it as auth.token or an Authorization: Bearer header"
                        + (admission.tokenQueryParameter() ? " or the token query parameter" : "")));
        TokenVerifier.VerifiedToken verified = tokens.verify(token);
        Participant participant = verified.participant();
        if (side == Side.STAFF && !(participant instanceof Participant.Staff)) {
            throw new InvalidTokenException("this port serves staff; students connect to the students' port");
        }
        if (side == Side.STUDENT && !(participant instanceof Participant.Student)) {
            throw new InvalidTokenException("this port serves students; staff connect to the staff port");
        }
        return new Identity(participant, verified.expiresAt());
    }

    /**
     * Legacy mode: the port decides the role. A student may also say who they are later, with {@code join}. On the
     * staff port only an allowed client network, or the header of an authenticating proxy, is let in.
     */
    private Identity legacyIdentity(ClientConnection connection, ConnectCredentials credentials)
            throws InvalidTokenException {
        Optional<String> userId = credentials.legacyUserId();
        if (side == Side.STAFF) {
            Optional<String> proxied = Optional.ofNullable(admission.legacyStaffHeader())
                    .filter(header -> connection.viaTrustedProxy())
                    .flatMap(credentials::header)
                    .filter(value -> !value.isBlank());
            if (proxied.isPresent()) {
                return new Identity(Participant.staff(proxied.get().trim()), null);
            }
            if (!admission.legacyStaffNetworks().contains(connection.client())) {
                throw new InvalidTokenException("this port takes staff without a token only from the networks its "
                        + "operator allows; send an LMS token");
            }
            return new Identity(Participant.staff(userId.orElse("legacy-staff")), null);
        }
        if (userId.isEmpty()) {
            return new Identity(null, null);
        }
        return new Identity(Participant.student(parseStudentId(userId.get())), null);
    }

    static int parseStudentId(String value) throws InvalidTokenException {
        try {
            int id = Integer.parseInt(value.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            throw new InvalidTokenException("userId must be a positive whole number");
        }
        throw new InvalidTokenException("userId must be a positive whole number");
    }
}
