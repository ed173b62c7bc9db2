package io.chatsync.adapters.socketio.inbound;

import io.chatsync.adapters.socketio.gateway.ConnectedSocket;
import io.chatsync.adapters.socketio.gateway.ConnectedSockets;
import io.chatsync.adapters.socketio.gateway.ConnectionHandler;
import io.chatsync.adapters.socketio.gateway.GatewaySettings;
import io.chatsync.adapters.socketio.gateway.Refusals;
import io.chatsync.adapters.socketio.wire.Room;
import io.chatsync.adapters.socketio.wire.WireJson;
import io.chatsync.application.limits.ActionLimits;
import io.chatsync.application.limits.LimitedAction;
import io.chatsync.application.limits.RateLimitExceeded;
import io.chatsync.application.wire.ColumnRules;
import io.chatsync.application.posting.IdempotencyKeyReused;
import io.chatsync.application.posting.PostMessageCommand;
import io.chatsync.application.posting.PostMessageUseCase;
import io.chatsync.application.posting.UnknownStudentException;
import io.chatsync.application.reading.MarkThreadReadCommand;
import io.chatsync.application.reading.MarkThreadReadUseCase;
import io.chatsync.application.reading.ThreadMarkedRead;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.ChatRuleViolation;
import io.chatsync.domain.message.InvalidMessageBody;
import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import io.socket.socketio.server.SocketIoSocket;
import java.util.Locale;
import org.json.JSONArray;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events a client may send, each answered through its acknowledgement with {@code {"ok":true,…}} or
 * {@code {"ok":false,"error":{…}}}. A refused event changes nothing. See docs/protocol.md.
 */
public final class ClientEvents implements ConnectionHandler {

    static final String SEND = "message:send";
    static final String READ = "thread:read";
    static final String JOIN = "join";
    static final String LEAVE = "leave";

    private static final Logger log = LoggerFactory.getLogger(ClientEvents.class);

    /**
     * Events refused in a row (over the allowance, unknown, invalid, forbidden), after which the client is taken to
     * ignore the answers and its connection is dropped: a flood costs a node this many events a connection, not as
     * many as the client can send.
     */
    static final int REFUSED_BEFORE_DROPPED = 50;

    private final PostMessageUseCase postMessage;
    private final MarkThreadReadUseCase markRead;
    private final ActionLimits limits;
    private final ConnectedSockets sockets;
    private final GatewaySettings settings;
    private final Refusals refusals;
    private final ColumnRules columns;

    /**
     * @param postMessage posting, already within each author's allowance
     * @param markRead marking read, already within each reader's allowance
     * @param limits the allowance for joining and leaving rooms
     * @param columns which of a site's own columns the poster is shown in the acknowledgement
     */
    public ClientEvents(PostMessageUseCase postMessage, MarkThreadReadUseCase markRead, ActionLimits limits,
            ConnectedSockets sockets, GatewaySettings settings, Refusals refusals, ColumnRules columns) {
        this.columns = columns;
        this.postMessage = postMessage;
        this.markRead = markRead;
        this.limits = limits;
        this.sockets = sockets;
        this.settings = settings;
        this.refusals = refusals;
    }

    @Override
    public void connected(ConnectedSocket socket, SocketIoSocket events) {
        // One listener for every event, not one per name: the library keeps a queue of listeners per name and
        // socket, and an idle socket's heap is mostly such per-connection objects (docs/benchmarks.md).
        events.registerAllEventListener((event, args) -> dispatch(socket, event, args));
    }

    private void dispatch(ConnectedSocket socket, String event, Object[] args) {
        switch (event) {
            case SEND -> answer(socket, SEND, args, () -> send(socket, Payload.of(args)));
            case READ -> answer(socket, READ, args, () -> read(socket, Payload.of(args)));
            case JOIN -> answer(socket, JOIN, args, () -> join(socket, Payload.room(args)));
            case LEAVE -> answer(socket, LEAVE, args, () -> leave(socket, Payload.room(args)));
            default -> answer(socket, event, args, () -> {
                throw new ClientError("unknown_event", "unknown event '" + event + "'; see docs/protocol.md", null);
            });
        }
    }

    private JSONObject send(ConnectedSocket socket, Payload payload) throws ClientError {
        Participant author = identified(socket);
        StudentId thread = threadOf(author, payload.thread());
        ChatMessage stored = postMessage.post(
                new PostMessageCommand(author, thread, payload.message(), payload.sender(), payload.idempotencyKey()));
        return new JSONObject().put("ok", true).put("message", WireJson.message(columns.show(stored, socket.side())));
    }

    private JSONObject read(ConnectedSocket socket, Payload payload) throws ClientError {
        Participant reader = identified(socket);
        ThreadMarkedRead read = markRead.markRead(new MarkThreadReadCommand(reader, threadOf(reader, payload.thread())));
        JSONArray marked = new JSONArray();
        read.marked().forEach(id -> marked.put(id.value()));
        return new JSONObject().put("ok", true).put("marked", marked);
    }

    private JSONObject join(ConnectedSocket socket, StudentId thread) throws ClientError {
        socket.participant().ifPresent(who -> limits.take(who, LimitedAction.JOIN));
        if (socket.side() == Side.STAFF) {
            if (!sockets.watch(socket, thread)) {
                throw new ClientError("too_many_rooms", "a socket may watch at most "
                        + ConnectedSockets.MAX_WATCHED_THREADS + " students' rooms; leave some first", "userId");
            }
        } else if (settings.legacyIdentity(Side.STUDENT)) {
            if (!sockets.identifyStudent(socket, thread, settings.limits().socketsPerUser())) {
                throw new ClientError("forbidden", "this socket already belongs to another student", "userId");
            }
        } else if (!socket.participant().map(p -> p.equals(new Participant.Student(thread))).orElse(false)) {
            throw new ClientError("forbidden", "a student may only join their own room", "userId");
        }
        return new JSONObject().put("ok", true).put("room", new Room(thread).name());
    }

    private JSONObject leave(ConnectedSocket socket, StudentId thread) throws ClientError {
        if (socket.side() != Side.STAFF) {
            throw new ClientError("forbidden", "a student stays in their own room", "userId");
        }
        socket.participant().ifPresent(who -> limits.take(who, LimitedAction.JOIN));
        sockets.unwatch(socket, thread);
        return new JSONObject().put("ok", true).put("room", new Room(thread).name());
    }

    private static Participant identified(ConnectedSocket socket) throws ClientError {
        return socket.participant().orElseThrow(() -> new ClientError("not_identified",
                "say who you are first: join with your userId", null));
    }

    /** The thread named, or a student's own when none is named; staff must name one. */
    private static StudentId threadOf(Participant participant, StudentId named) throws ClientError {
        if (named != null) {
            return named;
        }
        if (participant instanceof Participant.Student student) {
            return student.id();
        }
        throw ClientError.invalid("user_id", "user_id (the student's thread) is required for staff");
    }

    private void answer(ConnectedSocket socket, String event, Object[] args, Handler handler) {
        JSONObject reply;
        try {
            reply = handler.handle();
        } catch (ClientError e) {
            reply = e.toAck();
        } catch (InvalidMessageBody e) {
            reply = new ClientError("invalid_message", e.getMessage(), "message").toAck()
                    .put("rule", e.rule().name().toLowerCase(Locale.ROOT));
        } catch (ChatRuleViolation e) {
            reply = new ClientError("forbidden", e.getMessage(), null).toAck();
        } catch (IdempotencyKeyReused e) {
            reply = new ClientError("idempotency_conflict", e.getMessage(), "idempotency_key").toAck();
        } catch (UnknownStudentException e) {
            reply = new ClientError("unknown_student", e.getMessage(), "user_id").toAck();
        } catch (RateLimitExceeded e) {
            reply = new ClientError("rate_limited", e.getMessage(), null).toAck()
                    .put("retry_after_ms", Math.max(1, e.retryAfter().toMillis()));
        } catch (RuntimeException e) {
            log.error("Handling {} from {} failed", Refusals.escape(event), socket, e);
            reply = new ClientError("internal_error", "the server could not handle this event", null).toAck();
        }
        if (socket.answered(!reply.optBoolean("ok")) >= REFUSED_BEFORE_DROPPED) {
            refusals.refused("refused-in-a-row", socket + " had " + REFUSED_BEFORE_DROPPED
                    + " events in a row refused; its connection is dropped");
            socket.abort();
            return;
        }
        acknowledge(args, reply);
    }

    private static void acknowledge(Object[] args, JSONObject reply) {
        if (args.length > 0 && args[args.length - 1] instanceof SocketIoSocket.ReceivedByLocalAcknowledgementCallback ack) {
            ack.sendAcknowledgement(reply);
        } else if (!reply.optBoolean("ok")) {
            log.debug("Refused an event sent without an acknowledgement: {}", reply);
        }
    }

    @FunctionalInterface
    private interface Handler {
        JSONObject handle() throws ClientError;
    }
}
