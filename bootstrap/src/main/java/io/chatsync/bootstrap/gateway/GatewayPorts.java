package io.chatsync.bootstrap.gateway;

import io.chatsync.adapters.socketio.gateway.PortSides;
import io.chatsync.domain.message.Side;
import java.util.Optional;
import org.apache.catalina.connector.Connector;

/**
 * The node's ports: {@code server.port} serves staff (or the one configured side); when serving both, a second
 * connector serves students.
 */
public final class GatewayPorts implements PortSides {

    private final Side mainSide;
    private final Connector studentConnector;

    GatewayPorts(Side mainSide, Connector studentConnector) {
        this.mainSide = mainSide;
        this.studentConnector = studentConnector;
    }

    @Override
    public Optional<Side> sideOf(int localPort) {
        if (studentConnector != null && localPort == studentConnector.getLocalPort()) {
            return Optional.of(Side.STUDENT);
        }
        return Optional.of(mainSide);
    }

    /** The port students connect to, once the server runs; empty when this node serves no students apart. */
    public Optional<Integer> studentPort() {
        return Optional.ofNullable(studentConnector).map(Connector::getLocalPort);
    }

    Optional<Connector> studentConnector() {
        return Optional.ofNullable(studentConnector);
    }
}
