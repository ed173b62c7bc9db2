package io.chatsync.bootstrap.gateway;

import io.chatsync.bootstrap.ChatsyncProperties;
import io.chatsync.adapters.socketio.SocketIoAdapterConfiguration;
import io.chatsync.adapters.socketio.gateway.GatewaySettings;
import io.chatsync.domain.message.Side;
import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The Socket.IO gateways on this node's ports: staff on {@code server.port}, students on the second port. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
@Import(SocketIoAdapterConfiguration.class)
public class GatewayWiring {

    /**
     * Tomcat's read buffer of each connection. A WebSocket's frames are read into the container's own 2 KB input
     * buffer and an HTTP request into the processor's header buffer, each read straight from the socket when it
     * has room for this much, so an idle socket needs little here.
     */
    static final int SOCKET_READ_BUFFER_BYTES = 512;

    /**
     * Tomcat's write buffer of each connection. WebSocket frames do not pass through it: the container writes them
     * from its own output buffer with one gathering write (a node's profile shows every frame leaving through
     * {@code writev} from the WebSocket writer), so an upgraded connection only keeps it. HTTP responses, long-polls
     * among them, go out in writes of this size.
     */
    static final int SOCKET_WRITE_BUFFER_BYTES = 512;

    /**
     * The kernel's send buffer of each connection (SO_SNDBUF; Linux keeps twice what is asked). Left to itself,
     * Linux grows it to 4 MB on a fast link, and a client that stops reading then takes some ten thousand frames
     * into the kernel before any waits in its outbox, where its time behind is counted (docs/operations.md). A
     * chat's frames are a few hundred bytes: 64 KB is a second of a staff socket's busiest traffic.
     */
    static final int SOCKET_SEND_BUFFER_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(GatewayWiring.class);

    @Bean
    GatewaySettings gatewaySettings(GatewayProperties properties, ChatsyncProperties chatsync) {
        GatewaySettings settings;
        try {
            settings = properties.settings(chatsync.maxMessageLength());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("chatsync.gateway is not usable: " + e.getMessage(), e);
        }
        if (settings.legacyIdentity(Side.STUDENT)) {
            log.warn("LEGACY IDENTITY IS ON for the students' port (chatsync.gateway.legacy-identity): its sockets are "
                    + "NOT authenticated; anyone may claim any student's userId. Turn it off once every app sends an "
                    + "LMS token.");
        }
        if (settings.legacyIdentity(Side.STAFF)) {
            log.warn("LEGACY IDENTITY IS ON for the staff port: staff sockets from {} (or with header {} set by a "
                    + "proxy among {}) are NOT authenticated by a token.", settings.admission().legacyStaffNetworks(),
                    settings.admission().legacyStaffHeader(), settings.admission().trustedProxies());
        }
        if (settings.admission().tokenQueryParameter()) {
            log.warn("Tokens are accepted in the token query parameter (chatsync.gateway.token-query-parameter): "
                    + "proxies and load balancers may log them with the URL.");
        }
        return settings;
    }

    @Bean
    GatewayPorts gatewayPorts(GatewayProperties properties) {
        return switch (properties.serve()) {
            case BOTH -> new GatewayPorts(Side.STAFF, new Connector());
            case STAFF -> new GatewayPorts(Side.STAFF, null);
            case STUDENTS -> new GatewayPorts(Side.STUDENT, null);
        };
    }

    @Bean
    TomcatConnectorCustomizer socketBuffers() {
        return GatewayWiring::sizeSocketBuffers;
    }

    /**
     * Each connection's read and write buffers in Tomcat (8 KB each by default, on the heap, for as long as the
     * connection lives): most connections are idle sockets moving frames of a few hundred bytes. And the kernel's
     * send buffer, so that a client that stops reading is behind within a second, not after megabytes.
     */
    static void sizeSocketBuffers(Connector connector) {
        connector.setProperty("socket.appReadBufSize", String.valueOf(SOCKET_READ_BUFFER_BYTES));
        connector.setProperty("socket.appWriteBufSize", String.valueOf(SOCKET_WRITE_BUFFER_BYTES));
        connector.setProperty("socket.txBufSize", String.valueOf(SOCKET_SEND_BUFFER_BYTES));
    }

    /**
     * The students' connector listens where the main one does and takes as many connections: Spring Boot applies
     * {@code server.address} and {@code server.tomcat.*} to the main connector only, and Tomcat's own default of
     * 8,192 connections would cap a node's students well below what it can hold.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> studentConnector(GatewayPorts ports,
            GatewayProperties properties, ServerProperties server, TomcatServerProperties tomcat) {
        return factory -> ports.studentConnector().ifPresent(connector -> {
            connector.setPort(properties.studentPort());
            if (server.getAddress() != null) {
                connector.setProperty("address", server.getAddress().getHostAddress());
            }
            connector.setProperty("maxConnections", String.valueOf(tomcat.getMaxConnections()));
            connector.setProperty("acceptCount", String.valueOf(tomcat.getAcceptCount()));
            sizeSocketBuffers(connector);
            factory.addAdditionalConnectors(connector);
        });
    }
}
