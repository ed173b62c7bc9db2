package io.chatsync.adapters.socketio.gateway;

import java.util.Optional;

/** Which audience the local port a request arrived on serves; empty for a port that serves no gateway. */
@FunctionalInterface
public interface PortAudiences {

    Optional<Audience> audienceOf(int localPort);
}
