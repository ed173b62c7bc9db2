package io.chatsync.adapters.socketio.outbound;

import io.chatsync.adapters.socketio.wire.WireJson;
import io.chatsync.adapters.socketio.gateway.ConnectedSocket;
import io.chatsync.adapters.socketio.gateway.ConnectedSockets;
import io.chatsync.adapters.socketio.gateway.OutboundEvent;
import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.delivery.PublishToRealtimePort;
import io.chatsync.application.wire.ColumnRules;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Recipients;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each committed change to the sockets the domain entitles to it ({@link Recipients}), each once:
 * {@code message:new} and {@code message:read}; then {@code users:updated} to whoever's conversation list it
 * changed, at most once per socket and {@link ListUpdates interval}.
 */
public final class SocketIoPublisher implements PublishToRealtimePort, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SocketIoPublisher.class);
    private static final OutboundEvent USERS_UPDATED = OutboundEvent.of("users:updated", null);

    private final ConnectedSockets sockets;
    private final Counter newMessages;
    private final Counter readReceipts;
    private final Counter listUpdates;
    private final ScheduledExecutorService timer;
    private final ListUpdates listChanges;
    private final ColumnRules columns;

    /**
     * @param listUpdateInterval the shortest time between two {@code users:updated} to one socket; zero sends one
     *     after every batch
     * @param columns which of a site's own columns each side's sockets are shown
     */
    public SocketIoPublisher(ConnectedSockets sockets, MeterRegistry meters, Duration listUpdateInterval,
            ColumnRules columns) {
        this.sockets = sockets;
        this.columns = columns;
        this.newMessages = events(meters, "message:new");
        this.readReceipts = events(meters, "message:read");
        this.listUpdates = events(meters, "users:updated");
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "users-updated");
            thread.setDaemon(true);
            return thread;
        });
        this.listChanges = new ListUpdates(listUpdateInterval, System::nanoTime,
                (task, delay) -> timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS), this::announce);
    }

    private static Counter events(MeterRegistry meters, String event) {
        return Counter.builder("chatsync.socketio.events").tag("event", event)
                .description("Socket.IO events sent to clients").register(meters);
    }

    @Override
    public void publish(List<ChatChange> changes) {
        Set<StudentId> changedThreads = new LinkedHashSet<>();
        for (ChatChange change : changes) {
            try {
                publish(change);
                changedThreads.add(change.thread());
            } catch (RuntimeException e) {
                // One change that cannot be sent must not cost the rest of its batch.
                log.error("Could not publish the change at position {}; skipping it", change.position(), e);
            }
        }
        listChanges.changed(changedThreads);
    }

    /** One users:updated per socket, however many of the changed threads concern it. */
    private void announce(Set<StudentId> changedThreads) {
        Set<ConnectedSocket> listChanged = new LinkedHashSet<>();
        for (StudentId thread : changedThreads) {
            listChanged.addAll(sockets.of(Recipients.ofConversationListChange(thread)));
        }
        for (ConnectedSocket socket : listChanged) {
            sendTo(socket, USERS_UPDATED, listUpdates);
        }
    }

    private void publish(ChatChange change) {
        if (change instanceof ChatChange.MessageAdded added) {
            ChatMessage message = added.message();
            Recipients recipients = Recipients.ofNewMessage(added.thread(), message.sender());
            OutboundEvent toStaff = OutboundEvent.of("message:new", WireJson.message(columns.show(message, Side.STAFF)));
            OutboundEvent toStudents = columns.sameForBothSides() ? toStaff
                    : OutboundEvent.of("message:new", WireJson.message(columns.show(message, Side.STUDENT)));
            for (ConnectedSocket socket : sockets.of(recipients)) {
                sendTo(socket, socket.side() == Side.STAFF ? toStaff : toStudents, newMessages);
            }
        } else if (change instanceof ChatChange.ReadFlagsChanged read) {
            OutboundEvent event = OutboundEvent.of("message:read",
                    WireJson.read(read.chat().value(), read.readByStudent(), read.readByTeacher()));
            send(Recipients.ofReadReceipt(read.thread()), event, readReceipts);
        }
    }

    /** Encoded once, sent to each recipient as it is. */
    private void send(Recipients recipients, OutboundEvent event, Counter counter) {
        for (ConnectedSocket socket : sockets.of(recipients)) {
            sendTo(socket, event, counter);
        }
    }

    /** Stops the timer; a users:updated still waiting for its interval is not sent (the sockets are closing). */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static void sendTo(ConnectedSocket socket, OutboundEvent event, Counter counter) {
        try {
            socket.send(event);
            counter.increment();
        } catch (RuntimeException e) {
            log.debug("Could not send {} to {}: {}", event.packet(), socket, e.getMessage());
        }
    }
}
