package io.chatsync.adapters.socketio;

import io.chatsync.adapters.socketio.bridge.ClientAddresses;
import io.chatsync.adapters.socketio.bridge.EngineIoPolling;
import io.chatsync.adapters.socketio.bridge.EngineIoWebSocketHandler;
import io.chatsync.adapters.socketio.bridge.NoWebSocketCompression;
import io.chatsync.adapters.socketio.gateway.ConnectedSockets;
import io.chatsync.adapters.socketio.gateway.Gateway;
import io.chatsync.adapters.socketio.gateway.GatewaySettings;
import io.chatsync.adapters.socketio.gateway.Gateways;
import io.chatsync.adapters.socketio.gateway.PortSides;
import io.chatsync.adapters.socketio.gateway.Refusals;
import io.chatsync.adapters.socketio.gateway.Resumes;
import io.chatsync.adapters.socketio.gateway.TokenVerifier;
import io.chatsync.adapters.socketio.inbound.ClientEvents;
import io.chatsync.adapters.socketio.outbound.ChangeEvents;
import io.chatsync.adapters.socketio.outbound.SocketIoPublisher;
import io.chatsync.application.wire.ColumnRules;
import io.chatsync.application.limits.ActionLimits;
import io.chatsync.application.posting.PostMessageUseCase;
import io.chatsync.application.reading.MarkThreadReadUseCase;
import io.chatsync.application.resume.ResumeSessionsUseCase;
import io.chatsync.domain.message.Side;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The Socket.IO side of a node: a gateway per side on {@code /socket.io/}, reached by long-polling and
 * WebSocket, fed by the change feed through {@link SocketIoPublisher}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
public class SocketIoAdapterConfiguration {

    /**
     * The largest part of an incoming text message Tomcat hands over at once, in characters (see
     * {@link #webSocketContainer}). Every socket keeps a buffer of this many characters; a client's events are
     * mostly shorter, and a long message costs only a few more parts to assemble.
     */
    static final int TEXT_PART_CHARS = 256;

    /**
     * The same for a binary message, in bytes. A binary frame closes its connection at its first part, so it only
     * needs to be there; control frames have buffers of their own.
     */
    static final int BINARY_PART_BYTES = 128;

    @Bean
    Refusals refusals(MeterRegistry meters) {
        return new Refusals(meters);
    }

    @Bean
    ClientAddresses clientAddresses(GatewaySettings settings) {
        return new ClientAddresses(settings.admission().trustedProxies());
    }

    @Bean
    ConnectedSockets connectedSockets(MeterRegistry meters, Refusals refusals) {
        ConnectedSockets sockets = new ConnectedSockets(refusals);
        Gauge.builder("chatsync.socketio.sockets", sockets, ConnectedSockets::size)
                .description("Sockets connected to this node").register(meters);
        return sockets;
    }

    @Bean
    ClientEvents clientEvents(PostMessageUseCase postMessage, MarkThreadReadUseCase markRead, ActionLimits limits,
            ConnectedSockets sockets, GatewaySettings settings, Refusals refusals, ColumnRules columns) {
        return new ClientEvents(postMessage, markRead, limits, sockets, settings, refusals, columns);
    }

    @Bean
    ChangeEvents changeEvents(ColumnRules columns) {
        return new ChangeEvents(columns);
    }

    /**
     * Resumable sessions on the ports {@code chatsync.gateway.resume} names, when the node has the use case (a node
     * without a database for sessions resumes none).
     */
    @Bean(destroyMethod = "close")
    Resumes resumes(ObjectProvider<ResumeSessionsUseCase> sessions, GatewaySettings settings,
            ConnectedSockets sockets, ChangeEvents events, MeterRegistry meters) {
        ResumeSessionsUseCase resume = sessions.getIfAvailable();
        return resume == null || settings.resumable().isEmpty() ? Resumes.off(sockets, meters)
                : new Resumes(resume, settings.resumable(), sockets, events, meters, RESUME_THREADS);
    }

    /** Look-ups and replays at once: each holds one of the pool's connections while it runs. */
    static final int RESUME_THREADS = 4;

    @Bean(destroyMethod = "close")
    Gateways gateways(GatewaySettings settings, TokenVerifier tokens, ConnectedSockets sockets, ClientEvents events,
            PortSides ports, Refusals refusals, MeterRegistry meters, Resumes resumes) {
        Gateway staff = new Gateway(Side.STAFF, settings, tokens, sockets, events, refusals, resumes);
        Gateway students = new Gateway(Side.STUDENT, settings, tokens, sockets, events, refusals, resumes);
        Gauge.builder("chatsync.socketio.strangers", () -> staff.strangers() + students.strangers())
                .description("Connections without an authenticated CONNECT yet").register(meters);
        return new Gateways(Map.of(Side.STAFF, staff, Side.STUDENT, students), ports);
    }

    /**
     * Closes every socket's connection before the web server's graceful shutdown, which would otherwise wait for
     * parked long-polls until their time-out; the clients reconnect to another node.
     */
    @Bean
    SmartLifecycle disconnectSocketsOnShutdown(ConnectedSockets sockets) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                sockets.closeAll();
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return SmartLifecycle.DEFAULT_PHASE;
            }
        };
    }

    @Bean
    SocketIoPublisher socketIoPublisher(ConnectedSockets sockets, MeterRegistry meters, GatewaySettings settings,
            ChangeEvents events, Resumes resumes) {
        return new SocketIoPublisher(sockets, meters, settings.listUpdateInterval(), events, resumes);
    }

    @Bean
    EngineIoPolling engineIoPolling(Gateways gateways, ClientAddresses addresses) {
        return new EngineIoPolling(gateways, addresses);
    }

    /**
     * What Tomcat keeps for each WebSocket connection's incoming messages. The handler takes partial messages and
     * assembles them itself (up to the frame limit), so these buffers only set the size of the parts; at Tomcat's
     * default (8 KB binary and 8 K chars, 24 KB in all) they would be most of an idle socket's heap.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(TEXT_PART_CHARS);
        container.setMaxBinaryMessageBufferSize(BINARY_PART_BYTES);
        return container;
    }

    @Bean
    NoWebSocketCompression noWebSocketCompression() {
        return new NoWebSocketCompression();
    }

    @Bean
    WebSocketConfigurer engineIoWebSockets(Gateways gateways, ClientAddresses addresses, GatewaySettings settings,
            MeterRegistry meters) {
        SimpleAsyncTaskExecutor writers = new SimpleAsyncTaskExecutor("socket-writer-");
        writers.setVirtualThreads(true);
        EngineIoWebSocketHandler handler = new EngineIoWebSocketHandler(gateways, addresses, writers, meters);
        return registry -> registry.addHandler(handler, "/socket.io/")
                .setHandshakeHandler(EngineIoWebSocketHandler.handshakes())
                .setAllowedOriginPatterns(settings.corsOrigins().toArray(String[]::new));
    }
}
