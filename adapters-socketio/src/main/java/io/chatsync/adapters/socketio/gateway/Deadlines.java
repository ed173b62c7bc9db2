package io.chatsync.adapters.socketio.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a connection must do in time: sign in within the CONNECT time-out, keep polling while it polls, and leave
 * when its token expires. Each is a task on the gateway's timer.
 */
final class Deadlines {

    private static final Logger log = LoggerFactory.getLogger(Deadlines.class);

    private final GatewaySettings settings;
    private final ScheduledExecutorService timer;
    private final Refusals refusals;
    private final Collection<ClientConnection> open;

    /** @param open the gateway's open connections, a live view */
    Deadlines(GatewaySettings settings, ScheduledExecutorService timer, Refusals refusals,
            Collection<ClientConnection> open) {
        this.settings = settings;
        this.timer = timer;
        this.refusals = refusals;
        this.open = open;
        long sweep = Math.max(1_000, settings.pingInterval().toMillis() / 2);
        timer.scheduleWithFixedDelay(this::dropPollersThatStoppedPolling, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    /** The connection is closed unless a CONNECT on it is authenticated within the CONNECT time-out. */
    void signInBy(ClientConnection connection) {
        connection.deadline(timer.schedule(() -> {
            if (!connection.isAuthenticated()) {
                refusals.refused("connect-timeout", "connection " + connection.id() + " from "
                        + connection.client().getHostAddress() + " sent no authenticated CONNECT within "
                        + settings.limits().connectTimeout().toMillis() + " ms");
                connection.close();
            }
        }, settings.limits().connectTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * When the token expires, the connection is closed (not the socket disconnected): the official clients then
     * reconnect by themselves and send their {@code auth} again, with a fresh token where the app supplies one.
     */
    void expireAt(ConnectedSocket socket, ClientConnection connection, Instant expiresAt) {
        long millis = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
        var expiry = timer.schedule(() -> {
            log.info("Token of {} expired; closing its connection", socket);
            connection.close();
        }, millis, TimeUnit.MILLISECONDS);
        socket.socket().on("disconnect", args -> expiry.cancel(false));
    }

    /**
     * A polling client's data waits in memory until its next poll, and an attacker can keep the session alive with
     * blind pongs: a session whose polls stopped for longer than a ping round is closed.
     */
    private void dropPollersThatStoppedPolling() {
        long now = System.nanoTime();
        long limit = settings.pingInterval().plus(settings.pingTimeout()).toNanos();
        for (ClientConnection connection : open) {
            if (connection.isPolling() && connection.nanosSinceLastPoll(now) > limit) {
                refusals.refused("polling-stopped", "polling connection " + connection.id() + " from "
                        + connection.client().getHostAddress() + " stopped polling");
                connection.close();
            }
        }
    }
}
