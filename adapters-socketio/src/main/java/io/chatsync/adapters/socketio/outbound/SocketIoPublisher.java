package io.chatsync.adapters.socketio.outbound;

import io.chatsync.adapters.socketio.gateway.ConnectedSocket;
import io.chatsync.adapters.socketio.gateway.ConnectedSockets;
import io.chatsync.adapters.socketio.gateway.OutboundEvent;
import io.chatsync.adapters.socketio.gateway.Resumes;
import io.chatsync.adapters.socketio.gateway.SharedOffset;
import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.delivery.LogOffset;
import io.chatsync.application.delivery.PublishToRealtimePort;
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
    private final ChangeEvents events;
    private final Resumes resumes;

    /**
     * @param listUpdateInterval the shortest time between two {@code users:updated} to one socket; zero sends one
     *     after every batch
     * @param events how a change is encoded for each side
     * @param resumes seals the offsets of the events resumable sessions are sent
     */
    public SocketIoPublisher(ConnectedSockets sockets, MeterRegistry meters, Duration listUpdateInterval,
            ChangeEvents events, Resumes resumes) {
        this.sockets = sockets;
        this.events = events;
        this.resumes = resumes;
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
        sockets.deliver(() -> {
            for (ChatChange change : changes) {
                try {
                    publish(change);
                    changedThreads.add(change.thread());
                } catch (RuntimeException e) {
                    // One change that cannot be sent must not cost the rest of its batch.
                    log.error("Could not publish the change at position {}; skipping it", change.position(), e);
                }
            }
            sockets.handedOver(changes.get(changes.size() - 1).handedOver());
        });
        listChanges.changed(changedThreads);
    }

    @Override
    public void handedOver(LogOffset handedOver) {
        sockets.handedOver(handedOver);
    }

    /** One users:updated per socket, however many of the changed threads concern it. */
    private void announce(Set<StudentId> changedThreads) {
        Set<ConnectedSocket> listChanged = new LinkedHashSet<>();
        for (StudentId thread : changedThreads) {
            listChanged.addAll(sockets.of(Recipients.ofConversationListChange(thread)));
        }
        for (ConnectedSocket socket : listChanged) {
            try {
                socket.signal(USERS_UPDATED);
                listUpdates.increment();
            } catch (RuntimeException e) {
                log.debug("Could not send users:updated to {}: {}", socket, e.getMessage());
            }
        }
    }

    private void publish(ChatChange change) {
        SharedOffset offset = new SharedOffset(() -> resumes.seal(change.handedOver()));
        if (change instanceof ChatChange.MessageAdded added) {
            Recipients recipients = Recipients.ofNewMessage(added.thread(), added.message().sender());
            OutboundEvent toStaff = events.encode(change, Side.STAFF);
            OutboundEvent toStudents = events.sameForBothSides() ? toStaff : events.encode(change, Side.STUDENT);
            for (ConnectedSocket socket : sockets.of(recipients)) {
                deliver(socket, socket.side() == Side.STAFF ? toStaff : toStudents, change, offset, newMessages);
            }
        } else {
            OutboundEvent event = events.encode(change, Side.STAFF);
            for (ConnectedSocket socket : sockets.of(Recipients.ofReadReceipt(change.thread()))) {
                deliver(socket, event, change, offset, readReceipts);
            }
        }
    }

    private static void deliver(ConnectedSocket socket, OutboundEvent event, ChatChange change,
            SharedOffset offset, Counter counter) {
        try {
            socket.deliver(event, change, offset);
            counter.increment();
        } catch (RuntimeException e) {
            log.debug("Could not send {} to {}: {}", event.packet(), socket, e.getMessage());
        }
    }

    /** Stops the timer; a users:updated still waiting for its interval is not sent (the sockets are closing). */
    @Override
    public void close() {
        timer.shutdownNow();
    }

}
