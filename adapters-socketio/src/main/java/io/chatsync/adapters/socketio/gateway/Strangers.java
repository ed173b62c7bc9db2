package io.chatsync.adapters.socketio.gateway;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections whose CONNECT is not authenticated yet, counted per client address and in all: a stranger costs
 * little (a connection, a small frame buffer) and not for long (the CONNECT time-out), and there are only so many.
 */
final class Strangers {

    /** Why a stranger was not let in. */
    enum Refusal { PER_ADDRESS, IN_ALL }

    private final int perAddress;
    private final int inAll;
    private final Map<InetAddress, AtomicInteger> byAddress = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    Strangers(int perAddress, int inAll) {
        this.perAddress = perAddress;
        this.inAll = inAll;
    }

    /** Counts the connection in, or says why it may not come in; nothing is counted then. */
    Refusal admit(ClientConnection connection) {
        if (total.incrementAndGet() > inAll) {
            total.decrementAndGet();
            return Refusal.IN_ALL;
        }
        boolean[] admitted = {false};
        byAddress.compute(connection.client(), (address, count) -> {
            AtomicInteger current = count == null ? new AtomicInteger() : count;
            if (current.get() < perAddress) {
                current.incrementAndGet();
                admitted[0] = true;
            }
            return current.get() == 0 ? null : current;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
            return Refusal.PER_ADDRESS;
        }
        connection.countAsStranger();
        return null;
    }

    /** The connection authenticated or closed: it no longer counts. Safe to call more than once. */
    void release(ClientConnection connection) {
        if (!connection.leaveStrangers()) {
            return;
        }
        total.decrementAndGet();
        byAddress.computeIfPresent(connection.client(),
                (address, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    int count() {
        return total.get();
    }
}
