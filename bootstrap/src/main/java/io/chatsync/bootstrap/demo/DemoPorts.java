package io.chatsync.bootstrap.demo;

import io.chatsync.bootstrap.gateway.GatewayPorts;
import io.chatsync.domain.message.Side;
import java.util.Optional;
import org.springframework.core.env.Environment;

/** The ports this node serves staff and students on, once it runs, for the console to sign each side in on. */
final class DemoPorts {

    private final Environment environment;
    private final GatewayPorts ports;

    DemoPorts(Environment environment, GatewayPorts ports) {
        this.environment = environment;
        this.ports = ports;
    }

    Optional<Integer> staff() {
        return main().filter(port -> ports.sideOf(port).orElseThrow() == Side.STAFF);
    }

    Optional<Integer> students() {
        return ports.studentPort().or(() -> main().filter(port -> ports.sideOf(port).orElseThrow() == Side.STUDENT));
    }

    private Optional<Integer> main() {
        return Optional.ofNullable(environment.getProperty("local.server.port", Integer.class));
    }
}
