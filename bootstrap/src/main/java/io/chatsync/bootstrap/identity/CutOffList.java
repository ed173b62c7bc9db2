package io.chatsync.bootstrap.identity;

import io.chatsync.adapters.socketio.gateway.ConnectedSockets;
import io.chatsync.application.access.CutOff;
import io.chatsync.application.access.CutOffsPort;
import io.chatsync.domain.thread.Participant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's copy of the cut-offs, read from the database every refresh (a second by default): a user cut off on
 * any node is disconnected here within that time, and their tokens issued before the cut are refused on every way
 * in (sockets and HTTP).
 */
public final class CutOffList {

    private static final Logger log = LoggerFactory.getLogger(CutOffList.class);

    private final CutOffsPort store;
    private final ConnectedSockets sockets;
    private volatile Map<Participant, CutOff> current = Map.of();
    private volatile boolean failing;
    /**
     * Cutting off, lifting and refreshing take turns: a refresh that read a cut-off this node was still making
     * would disconnect its user's sockets first and the cut would report none disconnected here.
     */
    private final ReentrantLock turns = new ReentrantLock();

    public CutOffList(CutOffsPort store, ConnectedSockets sockets) {
        this.store = store;
        this.sockets = sockets;
    }

    /** Whether {@code who} is cut off at all (tokens issued after the cut are still accepted). */
    public boolean covers(Participant who) {
        return current.containsKey(who);
    }

    /** Whether a token of {@code who} issued at {@code issuedAt} (absent when it does not say) is refused. */
    public boolean refuses(Participant who, @Nullable Instant issuedAt) {
        CutOff cutOff = current.get(who);
        return cutOff != null && cutOff.refuses(who, issuedAt);
    }

    /** Cuts a user off on every node; here at once. */
    public CutOffResult cutOff(Participant user) {
        turns.lock();
        try {
            CutOff cutOff = store.cutOff(user);
            Map<Participant, CutOff> next = new ConcurrentHashMap<>(current);
            next.put(user, cutOff);
            current = Map.copyOf(next);
            int disconnected = sockets.disconnect(user);
            log.warn("Cut off {} at {}: {} socket(s) disconnected on this node; other nodes follow within a refresh",
                    user, cutOff.at(), disconnected);
            return new CutOffResult(cutOff, disconnected);
        } finally {
            turns.unlock();
        }
    }

    public boolean lift(Participant user) {
        turns.lock();
        try {
            boolean lifted = store.lift(user);
            if (lifted) {
                Map<Participant, CutOff> next = new ConcurrentHashMap<>(current);
                next.remove(user);
                current = Map.copyOf(next);
                log.info("Lifted the cut-off of {}", user);
            }
            return lifted;
        } finally {
            turns.unlock();
        }
    }

    public List<CutOff> all() {
        return List.copyOf(current.values());
    }

    /** Reads the cut-offs again; disconnects the sockets of users cut off (or cut off again) since the last read. */
    void refresh() {
        turns.lock();
        try {
            refreshInTurn();
        } finally {
            turns.unlock();
        }
    }

    private void refreshInTurn() {
        List<CutOff> read;
        try {
            read = store.all();
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("Could not read the cut-offs; keeping the last ones read until the database answers: {}",
                        e.getMessage());
            }
            return;
        }
        if (failing) {
            failing = false;
            log.info("Reading the cut-offs again");
        }
        Map<Participant, CutOff> before = current;
        current = read.stream().collect(Collectors.toUnmodifiableMap(CutOff::user, cutOff -> cutOff, (a, b) -> b));
        for (CutOff cutOff : read) {
            CutOff known = before.get(cutOff.user());
            if (known == null || cutOff.at().isAfter(known.at())) {
                int disconnected = sockets.disconnect(cutOff.user());
                if (disconnected > 0) {
                    log.info("{} was cut off at {}: {} socket(s) disconnected on this node", cutOff.user(),
                            cutOff.at(), disconnected);
                }
            }
        }
    }

    /** A cut-off made, and how many sockets it closed on this node. */
    public record CutOffResult(CutOff cutOff, int disconnectedHere) {
    }
}
