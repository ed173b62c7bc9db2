package io.chatsync.adapters.socketio.gateway;

import io.chatsync.domain.message.StudentId;
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
import org.json.JSONException;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Socket.IO server of one audience. Every socket is authenticated at its CONNECT: the library acknowledges a
 * CONNECT before any handler could refuse it, so this gateway reads the raw packet first and answers a refused one
 * with a CONNECT_ERROR, which the official clients report as {@code connect_error} with the reason.
 */
public final class Gateway {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final Audience audience;
    private final GatewaySettings settings;
    private final TokenVerifier tokens;
    private final ConnectedSockets sockets;
    private final ConnectionHandler handler;
    private final ScheduledThreadPoolExecutor scheduler;
    private final EngineIoServer engine;
    /** Who each Engine.IO connection authenticated as, between its CONNECT and its socket's creation. */
    private final Map<String, Identity> identified = new ConcurrentHashMap<>();

    public Gateway(Audience audience, GatewaySettings settings, TokenVerifier tokens, ConnectedSockets sockets,
            ConnectionHandler handler) {
        this.audience = audience;
        this.settings = settings;
        this.tokens = tokens;
        this.sockets = sockets;
        this.handler = handler;
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "socketio-" + audience.name().toLowerCase() + "-timer");
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
        engine.on("connection", args -> guardConnect((EngineIoSocket) args[0]));
        namespace.on("connection", args -> connected((SocketIoSocket) args[0]));
    }

    public Audience audience() {
        return audience;
    }

    public EngineIoServer engine() {
        return engine;
    }

    public void close() {
        engine.shutdown();
        scheduler.shutdownNow();
    }

    private void guardConnect(EngineIoSocket connection) {
        List<Emitter.Listener> library = List.copyOf(connection.listeners("data"));
        connection.off("data");
        connection.on("data", (Emitter.Listener) args -> {
            if (args.length > 0 && args[0] instanceof String packet && isMainNamespaceConnect(packet)
                    && !identified.containsKey(connection.getId())) {
                try {
                    identified.put(connection.getId(), new Identity(authenticate(connection, packet)));
                } catch (InvalidTokenException e) {
                    refuse(connection, e.getMessage());
                    return;
                }
            }
            for (Emitter.Listener listener : library) {
                listener.call(args);
            }
        });
        connection.on("close", (Emitter.Listener) args -> identified.remove(connection.getId()));
    }

    /**
     * A Socket.IO CONNECT ({@code 0}) to the main namespace, written {@code 0}, {@code 0{auth}}, {@code 0/,} or
     * {@code 0/,{auth}}; a CONNECT to any other namespace is refused by the library as an unknown namespace.
     */
    private static boolean isMainNamespaceConnect(String packet) {
        return packet.startsWith("0") && authOf(packet) != null;
    }

    /** The {@code auth} part of a main-namespace CONNECT ("" for none), or null for another packet. */
    private static String authOf(String packet) {
        String rest = packet.startsWith("0/,") ? packet.substring(3) : packet.substring(1);
        return rest.isEmpty() || rest.charAt(0) == '{' ? rest : null;
    }

    private Participant authenticate(EngineIoSocket connection, String packet) throws InvalidTokenException {
        JSONObject auth;
        try {
            String json = authOf(packet);
            auth = json == null || json.isEmpty() ? null : new JSONObject(json);
        } catch (JSONException e) {
            throw new InvalidTokenException("the CONNECT packet's auth is not a JSON object");
        }
        ConnectCredentials credentials = new ConnectCredentials(auth, connection.getInitialQuery(),
                connection.getInitialHeaders());
        if (settings.legacyIdentity()) {
            return legacyIdentity(credentials);
        }
        String token = credentials.token().orElseThrow(() -> new InvalidTokenException(
                "missing token: send it as auth.token, an Authorization: Bearer header or the token query parameter"));
        Participant participant = tokens.verify(token);
        if (audience == Audience.STAFF && !(participant instanceof Participant.Staff)) {
            throw new InvalidTokenException("this port serves staff; students connect to the students' port");
        }
        if (audience == Audience.STUDENTS && !(participant instanceof Participant.Student)) {
            throw new InvalidTokenException("this port serves students; staff connect to the staff port");
        }
        return participant;
    }

    /** Legacy mode: the port decides the role; a student may also say who they are later, with {@code join}. */
    private Participant legacyIdentity(ConnectCredentials credentials) throws InvalidTokenException {
        var userId = credentials.legacyUserId();
        if (audience == Audience.STAFF) {
            return Participant.staff(userId.orElse("legacy-staff"));
        }
        if (userId.isEmpty()) {
            return null;
        }
        return Participant.student(parseStudentId(userId.get()));
    }

    static int parseStudentId(String value) throws InvalidTokenException {
        try {
            int id = Integer.parseInt(value.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            throw new InvalidTokenException("userId must be a positive whole number");
        }
        throw new InvalidTokenException("userId must be a positive whole number");
    }

    private void refuse(EngineIoSocket connection, String reason) {
        log.info("Refused a Socket.IO connection on the {} port: {}", audience, reason);
        connection.send(new Packet<>(Packet.MESSAGE, "4" + new JSONObject().put("message", reason)));
        // Long enough for a polling client to fetch the CONNECT_ERROR; then nothing lingers.
        scheduler.schedule(connection::close, 2, TimeUnit.SECONDS);
    }

    private void connected(SocketIoSocket socket) {
        Identity identity = identified.remove(socket.getClient().getId());
        if (identity == null) {
            log.warn("Socket {} reached the {} namespace without an authenticated CONNECT; closing it",
                    socket.getId(), audience);
            socket.disconnect(true);
            return;
        }
        ConnectedSocket connected = new ConnectedSocket(socket, audience, identity.participant());
        // Listen for the disconnect before indexing, and look again after: a close in between is not missed.
        socket.on("disconnect", args -> sockets.remove(connected));
        sockets.add(connected);
        if (!socket.isConnected()) {
            sockets.remove(connected);
            return;
        }
        identity.student().ifPresent(student -> socket.joinRoom(new Room(student).name()));
        handler.connected(connected, socket);
    }

    private record Identity(Participant participant) {

        Optional<StudentId> student() {
            return participant instanceof Participant.Student student
                    ? Optional.of(student.id())
                    : Optional.empty();
        }
    }
}
