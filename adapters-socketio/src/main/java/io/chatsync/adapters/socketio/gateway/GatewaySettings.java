package io.chatsync.adapters.socketio.gateway;

import io.chatsync.domain.message.Side;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How the Socket.IO gateways behave.
 *
 * @param corsOrigins origins allowed to connect; {@code *} for any
 * @param pingInterval Engine.IO ping interval
 * @param pingTimeout Engine.IO ping timeout
 * @param listUpdateInterval the shortest time between two {@code users:updated} to one socket; zero for one after
 *     every batch
 * @param limits what one connection, one address and one user may cost the node
 * @param admission who may connect, and how they say who they are
 * @param resumable the ports whose sockets get resumable sessions (Socket.IO connection state recovery): events to
 *     them carry an offset as their last argument, which some clients hand to their handlers (docs/protocol.md)
 */
public record GatewaySettings(List<String> corsOrigins, Duration pingInterval, Duration pingTimeout,
        Duration listUpdateInterval, Limits limits, Admission admission, Set<Side> resumable) {

    public GatewaySettings {
        corsOrigins = List.copyOf(corsOrigins);
        resumable = Set.copyOf(resumable);
        if (listUpdateInterval.isNegative()) {
            throw new IllegalArgumentException("the users:updated interval is not negative, got " + listUpdateInterval);
        }
    }

    /**
     * What a connection may cost.
     *
     * @param outboxFrames the most frames waiting for one WebSocket connection; over it, it is closed. A frame that
     *     waits shares its text with the other connections it waits for, so each costs a few dozen bytes, and a
     *     client that stops reading is cut by {@code slowReaderTimeout} first at any rate below this many frames
     *     in that time: the bound is for memory, and time behind decides
     * @param pollingPackets the most packets waiting for a polling connection's next poll, and live events held
     *     back for a socket while its missed ones are replayed; over it, it is closed
     * @param slowReaderTimeout how long a WebSocket client may take no frame while frames wait for it before it
     *     counts as not reading and is closed: a client on a busy machine falls behind for moments and is kept
     * @param maxFrameBytes the largest frame (or polling post) an authenticated client may send
     * @param connectFrameBytes the largest frame (or polling post) before the client's CONNECT is authenticated
     * @param connectTimeout how long a connection may stay without an authenticated CONNECT
     * @param pollingPostTimeout how long a polling post may take to arrive whole
     * @param socketsPerUser the most sockets of one user on this node; a new one over it replaces the oldest
     * @param strangersPerAddress the most connections without an authenticated CONNECT from one client address
     * @param strangers the most connections without an authenticated CONNECT on this node
     */
    public record Limits(int outboxFrames, int pollingPackets, Duration slowReaderTimeout, int maxFrameBytes,
            int connectFrameBytes,
            Duration connectTimeout,
            Duration pollingPostTimeout, int socketsPerUser, int strangersPerAddress, int strangers) {

        public Limits {
            if (outboxFrames < 1 || pollingPackets < 1 || socketsPerUser < 1 || strangersPerAddress < 1
                    || strangers < 1) {
                throw new IllegalArgumentException("every count limit is at least 1");
            }
            if (connectFrameBytes < 1024 || maxFrameBytes < connectFrameBytes) {
                throw new IllegalArgumentException("frames before CONNECT may be at least 1 KiB, and frames after it "
                        + "at least as long, got " + connectFrameBytes + " and " + maxFrameBytes);
            }
            if (connectTimeout.isNegative() || connectTimeout.isZero() || pollingPostTimeout.isNegative()
                    || pollingPostTimeout.isZero() || slowReaderTimeout.isNegative() || slowReaderTimeout.isZero()) {
                throw new IllegalArgumentException("the CONNECT, polling post and slow reader time-outs are positive");
            }
        }

        /**
         * The largest frame a legal client sends: a {@code message:send} whose body has {@code maxMessageLength}
         * code points, each escaped by the client's JSON encoder at worst as a surrogate pair of {@code \\uXXXX}
         * (12 characters), plus the event's envelope and its other fields.
         */
        public static int frameBytesFor(int maxMessageLength) {
            return maxMessageLength * 12 + 4096;
        }

        public static Limits defaults(int maxMessageLength) {
            return new Limits(100_000, 10_000, Duration.ofSeconds(10), frameBytesFor(maxMessageLength), 16 * 1024,
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(10), 10, 50, 2_000);
        }
    }

    /**
     * Who may connect and how identity is taken.
     *
     * @param tokenQueryParameter accept the token from the {@code token} query parameter (for clients that can send
     *     neither {@code auth} nor a header); off, since URLs end up in proxies' logs
     * @param legacyIdentity the ports whose clients say who they are ({@code userId}) instead of sending a token
     * @param trustedProxies the proxies whose {@code X-Forwarded-For} names the client's address
     * @param legacyStaffNetworks the client networks allowed on the staff port in legacy identity
     * @param legacyStaffHeader a header an authenticating reverse proxy (one of {@code trustedProxies}) sets to the
     *     staff user's id; it admits a legacy staff client; absent for none
     */
    public record Admission(boolean tokenQueryParameter, Set<Side> legacyIdentity, Networks trustedProxies,
            Networks legacyStaffNetworks, @Nullable String legacyStaffHeader) {

        public Admission {
            legacyIdentity = Set.copyOf(legacyIdentity);
            legacyStaffHeader = legacyStaffHeader == null || legacyStaffHeader.isBlank() ? null : legacyStaffHeader;
            if (legacyIdentity.contains(Side.STAFF) && legacyStaffNetworks.isEmpty()
                    && (legacyStaffHeader == null || trustedProxies.isEmpty())) {
                throw new IllegalArgumentException("legacy identity on the staff port would make any stranger staff: "
                        + "also name the client networks allowed to use it (chatsync.gateway.legacy-staff-networks), "
                        + "or the header an authenticating reverse proxy sets (chatsync.gateway.legacy-staff-header) "
                        + "together with that proxy's address (chatsync.gateway.trusted-proxies)");
            }
        }

        public static Admission defaults() {
            return new Admission(false, Set.of(), Networks.NONE, Networks.NONE, null);
        }
    }

    public static GatewaySettings defaults() {
        return new GatewaySettings(List.of("*"), Duration.ofSeconds(25), Duration.ofSeconds(20),
                Duration.ofMillis(100), Limits.defaults(4000), Admission.defaults(), Set.of(Side.STAFF));
    }

    public boolean anyOrigin() {
        return corsOrigins.contains("*");
    }

    public boolean legacyIdentity(Side side) {
        return admission.legacyIdentity().contains(side);
    }
}
