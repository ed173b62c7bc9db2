package io.chatsync.adapters.socketio.gateway;

import io.chatsync.domain.message.Side;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The gateways this node runs, found by the local port a request arrived on. */
public final class Gateways {

    private final Map<Side, Gateway> bySide;
    private final PortSides ports;

    public Gateways(Map<Side, Gateway> gateways, PortSides ports) {
        this.bySide = new EnumMap<>(gateways);
        this.ports = ports;
    }

    public Optional<Gateway> forPort(int localPort) {
        return ports.sideOf(localPort).map(bySide::get);
    }

    public void close() {
        bySide.values().forEach(Gateway::close);
    }
}
