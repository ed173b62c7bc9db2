package io.chatsync.bootstrap.gateway;

import io.chatsync.adapters.socketio.gateway.GatewaySettings;
import io.chatsync.adapters.socketio.gateway.Networks;
import io.chatsync.domain.message.Side;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Socket.IO gateways, under {@code chatsync.gateway.*}.
 *
 * @param serve {@code both} (staff on {@code server.port}, students on {@code student-port}), {@code staff} or
 *     {@code students} (the one side on {@code server.port})
 * @param studentPort the students' port when serving both (3002)
 * @param corsOrigins origins allowed to connect ({@code *})
 * @param pingInterval Engine.IO ping interval (25 s)
 * @param pingTimeout Engine.IO ping time-out (20 s)
 * @param listUpdateInterval the shortest time between two {@code users:updated} to one socket (100 ms; 0 for one
 *     after every batch of changes)
 * @param outboxFrames frames that may wait for one WebSocket connection before it is closed (100,000: a memory
 *     bound, which a client that stops reading meets only after {@code slowReaderTimeout} at 10,000 events a
 *     second)
 * @param pollingPackets packets that may wait for a polling connection's next poll, and live events held back for
 *     a socket while its missed ones are replayed, before it is closed (10,000)
 * @param slowReaderTimeout how long a WebSocket client may take no frame while frames wait for it before it is
 *     closed as not reading (10 s)
 * @param maxFrameBytes the largest frame or polling post a signed-in client may send (what a message of
 *     {@code chatsync.max-message-length} needs at worst: 52 KiB for 4,000 characters)
 * @param connectFrameBytes the largest frame or polling post before the CONNECT is authenticated (16 KiB)
 * @param connectTimeout how long a connection may go without an authenticated CONNECT (10 s)
 * @param pollingPostTimeout how long a polling post may take to arrive whole (10 s)
 * @param socketsPerUser the most sockets of one user on this node; a newer one replaces the oldest (10)
 * @param strangers the most connections without an authenticated CONNECT on this node (2,000)
 * @param strangersPerAddress the most connections without an authenticated CONNECT from one client address (50)
 * @param tokenQueryParameter accept the token in the {@code token} query parameter (off: URLs are logged by proxies)
 * @param legacyIdentity the ports ({@code students}, {@code staff}) that trust a client's own {@code userId}
 *     instead of a token (none)
 * @param trustedProxies addresses or CIDR blocks of the proxies whose {@code X-Forwarded-For} names the client
 * @param legacyStaffNetworks client networks (CIDR) that may use legacy identity on the staff port
 * @param legacyStaffHeader the header an authenticating reverse proxy among {@code trusted-proxies} sets to the
 *     staff user's id, for legacy identity on the staff port
 * @param resume the ports ({@code staff}, {@code students}) whose sockets get resumable sessions ({@code staff}:
 *     the dashboard's browser client ignores the offset an event then carries, the Flutter app's Dart client does
 *     not; docs/protocol.md); empty for none
 */
@ConfigurationProperties("chatsync.gateway")
public record GatewayProperties(Serve serve, Integer studentPort, List<String> corsOrigins, Duration pingInterval,
        Duration pingTimeout, Duration listUpdateInterval, Integer outboxFrames, Integer pollingPackets,
        Duration slowReaderTimeout,
        Integer maxFrameBytes,
        Integer connectFrameBytes, Duration connectTimeout, Duration pollingPostTimeout, Integer socketsPerUser,
        Integer strangersPerAddress, Integer strangers, boolean tokenQueryParameter, Set<String> legacyIdentity,
        List<String> trustedProxies, List<String> legacyStaffNetworks, String legacyStaffHeader,
        Set<String> resume) {

    public enum Serve { BOTH, STAFF, STUDENTS }

    public GatewayProperties {
        GatewaySettings defaults = GatewaySettings.defaults();
        serve = serve == null ? Serve.BOTH : serve;
        studentPort = studentPort == null ? 3002 : studentPort;
        corsOrigins = corsOrigins == null ? defaults.corsOrigins() : corsOrigins;
        pingInterval = pingInterval == null ? defaults.pingInterval() : pingInterval;
        pingTimeout = pingTimeout == null ? defaults.pingTimeout() : pingTimeout;
        listUpdateInterval = listUpdateInterval == null ? defaults.listUpdateInterval() : listUpdateInterval;
        legacyIdentity = legacyIdentity == null ? Set.of() : legacyIdentity;
        trustedProxies = trustedProxies == null ? List.of() : trustedProxies;
        legacyStaffNetworks = legacyStaffNetworks == null ? List.of() : legacyStaffNetworks;
        resume = resume == null ? Set.of("staff") : resume;
        // The limits' defaults, but for max-frame-bytes, which follows chatsync.max-message-length when unset.
        GatewaySettings.Limits limits = GatewaySettings.Limits.defaults(4000);
        outboxFrames = or(outboxFrames, limits.outboxFrames());
        pollingPackets = or(pollingPackets, limits.pollingPackets());
        slowReaderTimeout = or(slowReaderTimeout, limits.slowReaderTimeout());
        connectFrameBytes = or(connectFrameBytes, limits.connectFrameBytes());
        connectTimeout = or(connectTimeout, limits.connectTimeout());
        pollingPostTimeout = or(pollingPostTimeout, limits.pollingPostTimeout());
        socketsPerUser = or(socketsPerUser, limits.socketsPerUser());
        strangersPerAddress = or(strangersPerAddress, limits.strangersPerAddress());
        strangers = or(strangers, limits.strangers());
        // Checked here too, where the property's name is known: GatewaySettings only knows what the value is for.
        atLeast("student-port", studentPort, 0);
        atLeast("outbox-frames", outboxFrames, 1);
        atLeast("polling-packets", pollingPackets, 1);
        atLeast("sockets-per-user", socketsPerUser, 1);
        atLeast("strangers-per-address", strangersPerAddress, 1);
        atLeast("strangers", strangers, 1);
        atLeast("connect-frame-bytes", connectFrameBytes, 1024);
        if (maxFrameBytes != null) {
            atLeast("max-frame-bytes", maxFrameBytes, connectFrameBytes);
        }
        for (var duration : new Object[][] {{"ping-interval", pingInterval}, {"ping-timeout", pingTimeout},
                {"slow-reader-timeout", slowReaderTimeout}, {"connect-timeout", connectTimeout},
                {"polling-post-timeout", pollingPostTimeout}}) {
            Duration value = (Duration) duration[1];
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("chatsync.gateway." + duration[0] + " must be longer than 0, got "
                        + value);
            }
        }
        if (listUpdateInterval.isNegative()) {
            throw new IllegalArgumentException("chatsync.gateway.list-update-interval must not be negative, got "
                    + listUpdateInterval);
        }
    }

    public GatewaySettings settings(int maxMessageLength) {
        GatewaySettings.Limits defaults = GatewaySettings.Limits.defaults(maxMessageLength);
        GatewaySettings.Limits limits = new GatewaySettings.Limits(
                or(outboxFrames, defaults.outboxFrames()),
                or(pollingPackets, defaults.pollingPackets()),
                or(slowReaderTimeout, defaults.slowReaderTimeout()),
                or(maxFrameBytes, defaults.maxFrameBytes()),
                or(connectFrameBytes, defaults.connectFrameBytes()),
                or(connectTimeout, defaults.connectTimeout()),
                or(pollingPostTimeout, defaults.pollingPostTimeout()),
                or(socketsPerUser, defaults.socketsPerUser()),
                or(strangersPerAddress, defaults.strangersPerAddress()),
                or(strangers, defaults.strangers()));
        GatewaySettings.Admission admission = new GatewaySettings.Admission(tokenQueryParameter,
                sides("legacy-identity", legacyIdentity),
                networks("trusted-proxies", trustedProxies),
                networks("legacy-staff-networks", legacyStaffNetworks), legacyStaffHeader);
        return new GatewaySettings(corsOrigins, pingInterval, pingTimeout, listUpdateInterval, limits, admission,
                sides("resume", resume));
    }

    /** The ports' sides, as the property names them: {@code students} and {@code staff}. */
    private static Set<Side> sides(String property, Set<String> ports) {
        Set<Side> sides = EnumSet.noneOf(Side.class);
        for (String port : ports) {
            if (port.isBlank()) {
                continue;
            }
            sides.add(switch (port.trim().toLowerCase(Locale.ROOT)) {
                case "students", "student" -> Side.STUDENT;
                case "staff" -> Side.STAFF;
                default -> throw new IllegalArgumentException("chatsync.gateway." + property + " lists ports as "
                        + "'students' and 'staff', not '" + port + "'");
            });
        }
        return sides;
    }

    private static Networks networks(String property, List<String> cidrs) {
        try {
            return Networks.of(cidrs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("chatsync.gateway." + property + ": " + e.getMessage(), e);
        }
    }

    private static void atLeast(String property, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException("chatsync.gateway." + property + " must be at least " + least
                    + ", got " + value);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
