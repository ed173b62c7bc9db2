package io.chatsync.bootstrap.gateway;

import io.chatsync.adapters.socketio.SocketIoAdapterConfiguration;
import io.chatsync.adapters.socketio.gateway.Audience;
import io.chatsync.adapters.socketio.gateway.GatewaySettings;
import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The Socket.IO gateways on this node's ports: staff on {@code server.port}, students on the second port. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
@Import(SocketIoAdapterConfiguration.class)
public class GatewayWiring {

    private static final Logger log = LoggerFactory.getLogger(GatewayWiring.class);

    @Bean
    GatewaySettings gatewaySettings(GatewayProperties properties) {
        if (properties.legacyIdentity()) {
            log.warn("LEGACY IDENTITY IS ON (chatsync.gateway.legacy-identity): sockets are NOT authenticated; "
                    + "anyone may claim any userId. Turn it off once every client sends an LMS token.");
        }
        return properties.settings();
    }

    @Bean
    GatewayPorts gatewayPorts(GatewayProperties properties) {
        return switch (properties.serve()) {
            case BOTH -> new GatewayPorts(Audience.STAFF, new Connector());
            case STAFF -> new GatewayPorts(Audience.STAFF, null);
            case STUDENTS -> new GatewayPorts(Audience.STUDENTS, null);
        };
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> studentConnector(GatewayPorts ports,
            GatewayProperties properties) {
        return factory -> ports.studentConnector().ifPresent(connector -> {
            connector.setPort(properties.studentPort());
            factory.addAdditionalConnectors(connector);
        });
    }
}
