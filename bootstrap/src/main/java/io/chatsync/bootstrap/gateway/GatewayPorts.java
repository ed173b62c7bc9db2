package io.chatsync.bootstrap.gateway;

import io.chatsync.adapters.socketio.gateway.Audience;
import io.chatsync.adapters.socketio.gateway.PortAudiences;
import java.util.Optional;
import org.apache.catalina.connector.Connector;

/**
 * The node's ports: {@code server.port} serves staff (or the one configured audience); when serving both, a second
 * connector serves students.
 */
public final class GatewayPorts implements PortAudiences {

    private final Audience mainAudience;
    private final Connector studentConnector;

    GatewayPorts(Audience mainAudience, Connector studentConnector) {
        this.mainAudience = mainAudience;
        this.studentConnector = studentConnector;
    }

    @Override
    public Optional<Audience> audienceOf(int localPort) {
        if (studentConnector != null && localPort == studentConnector.getLocalPort()) {
            return Optional.of(Audience.STUDENTS);
        }
        return Optional.of(mainAudience);
    }

    /** The port students connect to, once the server runs; empty when this node serves no students apart. */
    public Optional<Integer> studentPort() {
        return Optional.ofNullable(studentConnector).map(Connector::getLocalPort);
    }

    Optional<Connector> studentConnector() {
        return Optional.ofNullable(studentConnector);
    }
}
