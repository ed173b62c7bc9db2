package io.chatsync.adapters.socketio.gateway;

import io.chatsync.domain.message.Side;
import io.chatsync.domain.thread.Participant;
import io.socket.engineio.server.Emitter;
import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoServerOptions;
import io.socket.engineio.server.EngineIoSocket;
import io.socket.engineio.server.parser.Packet;
import io.socket.socketio.server.SocketIoNamespace;
import io.socket.socketio.server.SocketIoServer;
import io.socket.socketio.server.SocketIoSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Socket.IO server of one side (its port), and the guard in front of it. Every raw packet passes {@link InboundPacket}
 * before the library sees it: only what the chat protocol uses gets through (no binary, only the main namespace, no
 * event before an authenticated CONNECT), and a connection that sends anything else is closed. The library would
 * acknowledge a CONNECT before any handler could refuse it, so this gateway authenticates the raw CONNECT first and
 * answers a refused one with a CONNECT_ERROR, which the official clients report as {@code connect_error}.
 */
public final class Gateway {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    /** The connection being opened in this thread: the engine emits "connection" inside the bridge's call. */
    private static final ThreadLocal<ClientConnection> OPENING = new ThreadLocal<>();

    private final Side side;
    private final GatewaySettings settings;
    private final Authenticator authenticator;
    private final ConnectedSockets sockets;
    private final ConnectionHandler handler;
    private final Refusals refusals;
    private final Strangers strangers;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Deadlines deadlines;
    private final Resumes resumes;
    private final EngineIoServer engine;
    private final Map<String, ClientConnection> connections = new ConcurrentHashMap<>();
    /** Who each Engine.IO connection authenticated as, between its CONNECT and its socket's creation. */
    private final Map<String, Authenticator.Identity> identified = new ConcurrentHashMap<>();

    public Gateway(Side side, GatewaySettings settings, TokenVerifier tokens, ConnectedSockets sockets,
            ConnectionHandler handler, Refusals refusals, Resumes resumes) {
        this.side = side;
        this.resumes = resumes;
        this.settings = settings;
        this.authenticator = new Authenticator(side, settings.admission(), tokens);
        this.sockets = sockets;
        this.handler = handler;
        this.refusals = refusals;
        this.strangers = new Strangers(settings.limits().strangersPerAddress(), settings.limits().strangers());
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "socketio-" + side.name().toLowerCase() + "-timer");
            thread.setDaemon(true);
            return thread;
        });
        // Every packet re-arms a ping time-out; without this, cancelled tasks pile up until they fall due.
        scheduler.setRemoveOnCancelPolicy(true);
        EngineIoServerOptions options = EngineIoServerOptions.newFromDefault();
        options.setPingInterval(settings.pingInterval().toMillis());
        options.setPingTimeout(settings.pingTimeout().toMillis());
        options.setAllowedCorsOrigins(settings.anyOrigin()
                ? EngineIoServerOptions.ALLOWED_CORS_ORIGIN_ALL
                : settings.corsOrigins().toArray(String[]::new));
        options.setScheduledExecutorService(scheduler);
        engine = new EngineIoServer(options);
        SocketIoServer server = new SocketIoServer(engine);
        SocketIoNamespace namespace = server.namespace("/");
        // Registered after the Socket.IO server's own listener, so that listener's "data" handler exists to wrap.
        engine.on("connection", args -> guard((EngineIoSocket) args[0]));
        namespace.on("connection", args -> connected((SocketIoSocket) args[0]));
        deadlines = new Deadlines(settings, scheduler, refusals, connections.values());
    }

    public Side side() {
        return side;
    }

    public GatewaySettings.Limits limits() {
        return settings.limits();
    }

    public Refusals refusals() {
        return refusals;
    }

    /**
     * Opens a new Engine.IO connection: counts it among the strangers, then runs the engine's handshake
     * ({@code handshake}), which creates the connection in this thread.
     *
     * @return false when the connection was refused (too many strangers); the handshake did not run
     */
    public <E extends Exception> boolean open(ClientConnection connection, Handshake<E> handshake) throws E {
        Strangers.Refusal refusal = strangers.admit(connection);
        if (refusal != null) {
            refusals.refused(refusal == Strangers.Refusal.PER_ADDRESS ? "strangers-per-address" : "strangers",
                    "a new connection on the " + side + " port from " + connection.client().getHostAddress()
                            + ": too many connections without an authenticated CONNECT");
            return false;
        }
        OPENING.set(connection);
        try {
            handshake.run();
        } finally {
            OPENING.remove();
            if (!connection.isAttached()) {
                // The engine refused the handshake itself: nothing is left open.
                strangers.release(connection);
            }
        }
        return true;
    }

    /** The guarded connection of an Engine.IO session id, while it is open. */
    public Optional<ClientConnection> connection(String sid) {
        return Optional.ofNullable(connections.get(sid));
    }

    public EngineIoServer engine() {
        return engine;
    }

    public int strangers() {
        return strangers.count();
    }

    public void close() {
        engine.shutdown();
        scheduler.shutdownNow();
    }

    private void guard(EngineIoSocket engineSocket) {
        ClientConnection connection = OPENING.get();
        if (connection == null) {
            log.error("Engine.IO connection {} on the {} port opened outside the bridge; closing it",
                    engineSocket.getId(), side);
            engineSocket.close();
            return;
        }
        connection.attach(engineSocket);
        connections.put(engineSocket.getId(), connection);
        deadlines.signInBy(connection);
        List<Emitter.Listener> library = List.copyOf(engineSocket.listeners("data"));
        engineSocket.off("data");
        engineSocket.on("data", (Emitter.Listener) args -> {
            Object[] forLibrary = forLibrary(args);
            Runnable passOn = () -> {
                // A CONNECT held for a session look-up is passed on from another thread: one packet at a time.
                synchronized (connection) {
                    for (Emitter.Listener listener : library) {
                        listener.call(forLibrary);
                    }
                }
            };
            if (admit(connection, engineSocket, args.length > 0 ? args[0] : null, passOn)) {
                passOn.run();
            }
        });
        engineSocket.on("upgrade", (Emitter.Listener) args -> connection.upgraded());
        engineSocket.on("close", (Emitter.Listener) args -> {
            connection.cancelDeadline();
            strangers.release(connection);
            connections.remove(engineSocket.getId());
            identified.remove(engineSocket.getId());
        });
    }

    /**
     * What the library is handed of an admitted packet: a CONNECT without its payload (only the main namespace's
     * are admitted). The token and resume offsets in it are read here first ({@link #admit}); the library would
     * keep them on its socket for the connection's life, a credential in memory and a few hundred bytes a socket,
     * and nothing reads them there.
     */
    private static Object[] forLibrary(Object[] args) {
        return args.length > 0 && args[0] instanceof String text && text.length() > 1 && text.charAt(0) == '0'
                ? new Object[] {"0"}
                : args;
    }

    /**
     * Whether the library may have this packet now; a refused one has closed its connection. A CONNECT that may
     * resume a session is held, and {@code passOn} hands it to the library once that is decided.
     */
    private boolean admit(ClientConnection connection, EngineIoSocket engineSocket, @Nullable Object data,
            Runnable passOn) {
        if (!(data instanceof String text)) {
            return violation(connection, "binary-payload", "a binary Engine.IO payload; the chat protocol is JSON");
        }
        InboundPacket packet = InboundPacket.parse(text);
        switch (packet.kind()) {
            case BINARY:
                return violation(connection, "binary-packet", "a binary Socket.IO packet; the chat protocol is JSON");
            case MALFORMED:
                return violation(connection, "malformed-packet", "a packet that is not Socket.IO: " + text);
            default:
                break;
        }
        if (!packet.mainNamespace()) {
            if (packet.kind() == InboundPacket.Kind.CONNECT) {
                refuseConnect(connection, engineSocket, packet.namespace(), "namespace",
                        "only the main namespace '/' is served");
                return false;
            }
            return violation(connection, "namespace", "a packet for namespace " + packet.namespace());
        }
        if (packet.kind() == InboundPacket.Kind.CONNECT) {
            Authenticator.Identity identity;
            try {
                identity = authenticator.authenticate(connection, packet.payload(), engineSocket.getInitialQuery(),
                        engineSocket.getInitialHeaders());
            } catch (InvalidTokenException e) {
                refuseConnect(connection, engineSocket, "/", "unauthenticated", e.getMessage());
                return false;
            }
            Participant participant = identity.participant();
            if (participant == null || !resumes.on(side)) {
                identified.put(engineSocket.getId(), identity);
                connection.authenticated();
                strangers.release(connection);
                return true;
            }
            ResumeRequest request = ResumeRequest.of(packet.payload());
            resumes.decide(participant, request.pid(), request.offset(), outcome -> {
                identified.put(engineSocket.getId(), identity.resumable(outcome));
                connection.replyWithPid(outcome.key().pid());
                connection.authenticated();
                strangers.release(connection);
                passOn.run();
            });
            return false;
        }
        if (!connection.isAuthenticated()) {
            return violation(connection, "before-connect", "a packet before an authenticated CONNECT");
        }
        if (packet.reservedEvent()) {
            return violation(connection, "reserved-event", "an event named as one Socket.IO emits itself: " + text);
        }
        return true;
    }

    private boolean violation(ClientConnection connection, String reason, String what) {
        refusals.refused(reason, what + " from " + connection.client().getHostAddress() + " on the " + side
                + " port; connection " + connection.id() + " closed");
        connection.abort();
        return false;
    }

    /** Answers a CONNECT with a CONNECT_ERROR for its namespace, then closes the connection. */
    private void refuseConnect(ClientConnection connection, EngineIoSocket engineSocket, String namespace,
            String reason, String message) {
        refusals.refused(reason, "a CONNECT from " + connection.client().getHostAddress() + " on the " + side
                + " port: " + message);
        String prefix = "/".equals(namespace) ? "4" : "4" + namespace + ",";
        engineSocket.send(new Packet<>(Packet.MESSAGE, prefix + new JSONObject().put("message", message)));
        // Long enough for a polling client to fetch the CONNECT_ERROR; then nothing lingers.
        scheduler.schedule(engineSocket::close, 2, TimeUnit.SECONDS);
    }

    private void connected(SocketIoSocket socket) {
        String connectionId = socket.getClient().getId();
        Authenticator.Identity identity = identified.remove(connectionId);
        ClientConnection connection = connections.get(connectionId);
        if (identity == null || connection == null) {
            log.warn("Socket {} reached the {} namespace without an authenticated CONNECT; closing it",
                    socket.getId(), side);
            socket.disconnect(true);
            return;
        }
        Resumes.Outcome session = identity.session();
        ConnectedSocket connected = new ConnectedSocket(socket, connection, side, identity.participant(),
                settings.limits().pollingPackets(), refusals,
                session == null ? null : resumes.session(session, settings.limits().pollingPackets()));
        // Listen for the disconnect before indexing, and look again after: a close in between is not missed.
        socket.on("disconnect", args -> {
            sockets.remove(connected);
            resumes.disconnected(connected);
        });
        if (session != null && identity.participant() != null) {
            resumes.connected(connected, identity.participant(), session, settings.limits().socketsPerUser());
        } else {
            sockets.add(connected, settings.limits().socketsPerUser());
        }
        if (!socket.isConnected()) {
            sockets.remove(connected);
            return;
        }
        // Who receives what is this node's index (ConnectedSockets), not the library's rooms: the room of its own
        // id that the library gave the socket on CONNECT would only keep two sets and two map entries a socket.
        socket.leaveRoom(socket.getId());
        if (identity.expiresAt() != null) {
            deadlines.expireAt(connected, connection, identity.expiresAt());
        }
        handler.connected(connected, socket);
    }

    /** The engine's handshake, run by {@link #open}. */
    @FunctionalInterface
    public interface Handshake<E extends Exception> {
        void run() throws E;
    }
}
