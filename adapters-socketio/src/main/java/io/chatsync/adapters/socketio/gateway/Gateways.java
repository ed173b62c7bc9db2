package io.chatsync.adapters.socketio.gateway;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The gateways this node runs, found by the local port a request arrived on. */
public final class Gateways {

    private final Map<Audience, Gateway> byAudience;
    private final PortAudiences ports;

    public Gateways(Map<Audience, Gateway> gateways, PortAudiences ports) {
        this.byAudience = new EnumMap<>(gateways);
        this.ports = ports;
    }

    public Optional<Gateway> forPort(int localPort) {
        return ports.audienceOf(localPort).map(byAudience::get);
    }

    public void close() {
        byAudience.values().forEach(Gateway::close);
    }
}
