package io.chatsync.adapters.socketio.gateway;

import java.time.Duration;
import java.util.List;

/**
 * How the Socket.IO gateways behave.
 *
 * @param corsOrigins origins allowed to connect; {@code *} for any
 * @param legacyIdentity take identity from {@code auth.userId}, the {@code userId} query parameter or a
 *     {@code join} event, as the legacy servers did, instead of a token (the port decides staff or student)
 * @param outboxFrames the most frames waiting to be written to one socket; a socket over it is disconnected
 * @param maxFrameBytes the largest frame a client may send; a larger one closes its connection
 * @param pingInterval Engine.IO ping interval
 * @param pingTimeout Engine.IO ping timeout
 * @param listUpdateInterval the shortest time between two {@code users:updated} to one socket; zero for one after
 *     every batch
 */
public record GatewaySettings(List<String> corsOrigins, boolean legacyIdentity, int outboxFrames, int maxFrameBytes,
        Duration pingInterval, Duration pingTimeout, Duration listUpdateInterval) {

    public GatewaySettings {
        corsOrigins = List.copyOf(corsOrigins);
        if (outboxFrames < 1 || maxFrameBytes < 1024) {
            throw new IllegalArgumentException("the outbox holds at least one frame and frames may be 1 KiB");
        }
        if (listUpdateInterval.isNegative()) {
            throw new IllegalArgumentException("the users:updated interval is not negative, got " + listUpdateInterval);
        }
    }

    public static GatewaySettings defaults() {
        return new GatewaySettings(List.of("*"), false, 1_000, 2 * 1024 * 1024, Duration.ofSeconds(25),
                Duration.ofSeconds(20), Duration.ofMillis(100));
    }

    public boolean anyOrigin() {
        return corsOrigins.contains("*");
    }
}
