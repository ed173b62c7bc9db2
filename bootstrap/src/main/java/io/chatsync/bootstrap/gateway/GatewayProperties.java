package io.chatsync.bootstrap.gateway;

import io.chatsync.adapters.socketio.gateway.GatewaySettings;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Socket.IO gateways, under {@code chatsync.gateway.*}.
 *
 * @param serve {@code both} (staff on {@code server.port}, students on {@code student-port}), {@code staff} or
 *     {@code students} (the one audience on {@code server.port})
 * @param studentPort the students' port when serving both (3002)
 * @param corsOrigins origins allowed to connect ({@code *})
 * @param legacyIdentity trust {@code userId} from clients that cannot send a token yet (off)
 * @param outboxFrames frames that may wait for one socket before it is disconnected (1000)
 * @param maxFrameBytes the largest frame a client may send (2 MiB)
 * @param pingInterval Engine.IO ping interval (25 s)
 * @param pingTimeout Engine.IO ping time-out (20 s)
 * @param listUpdateInterval the shortest time between two {@code users:updated} to one socket (100 ms; 0 for one
 *     after every batch of changes)
 */
@ConfigurationProperties("chatsync.gateway")
public record GatewayProperties(Serve serve, Integer studentPort, List<String> corsOrigins, boolean legacyIdentity,
        Integer outboxFrames, Integer maxFrameBytes, Duration pingInterval, Duration pingTimeout,
        Duration listUpdateInterval) {

    public enum Serve { BOTH, STAFF, STUDENTS }

    public GatewayProperties {
        GatewaySettings defaults = GatewaySettings.defaults();
        serve = serve == null ? Serve.BOTH : serve;
        studentPort = studentPort == null ? 3002 : studentPort;
        corsOrigins = corsOrigins == null ? defaults.corsOrigins() : corsOrigins;
        outboxFrames = outboxFrames == null ? defaults.outboxFrames() : outboxFrames;
        maxFrameBytes = maxFrameBytes == null ? defaults.maxFrameBytes() : maxFrameBytes;
        pingInterval = pingInterval == null ? defaults.pingInterval() : pingInterval;
        pingTimeout = pingTimeout == null ? defaults.pingTimeout() : pingTimeout;
        listUpdateInterval = listUpdateInterval == null ? defaults.listUpdateInterval() : listUpdateInterval;
    }

    GatewaySettings settings() {
        return new GatewaySettings(corsOrigins, legacyIdentity, outboxFrames, maxFrameBytes, pingInterval,
                pingTimeout, listUpdateInterval);
    }
}
