package io.chatsync.adapters.socketio.gateway;

import io.chatsync.domain.message.Side;
import java.util.Optional;

/** Which side the local port a request arrived on serves; empty for a port that serves no gateway. */
@FunctionalInterface
public interface PortSides {

    Optional<Side> sideOf(int localPort);
}
