package io.chatsync.benchmark;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node watched through a phase: its readiness probed every 250 ms, and on each {@link #peak()} its live heap
 * (after a full GC) and resident memory, keeping the largest.
 */
final class NodeWatch {

    private final ChatsyncNode node;
    private final Thread prober;
    private final AtomicLong probes = new AtomicLong();
    private final AtomicLong notReady = new AtomicLong();
    private volatile boolean running = true;
    private volatile long liveHeapMax;
    private volatile long residentMax;
    private volatile long fullGcMaxNanos;
    private volatile Exception failure;

    NodeWatch(ChatsyncNode node) {
        this.node = node;
        this.prober = new Thread(() -> {
            try {
                while (running) {
                    probes.incrementAndGet();
                    if (!node.ready()) {
                        notReady.incrementAndGet();
                    }
                    TimeUnit.MILLISECONDS.sleep(250);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "readiness-prober");
        prober.start();
    }

    /** Takes the node's live heap and resident memory now. */
    void peak() throws IOException, InterruptedException {
        long start = System.nanoTime();
        long live = node.liveHeapBytes();
        fullGcMaxNanos = Math.max(fullGcMaxNanos, System.nanoTime() - start);
        liveHeapMax = Math.max(liveHeapMax, live);
        residentMax = Math.max(residentMax, node.residentBytes());
    }

    void failed(Exception e) {
        failure = e;
    }

    void stop() throws InterruptedException {
        running = false;
        prober.join();
        if (failure != null) {
            throw new IllegalStateException("watching node " + node.name() + " failed", failure);
        }
    }

    long probes() {
        return probes.get();
    }

    long notReady() {
        return notReady.get();
    }

    long liveHeapMax() {
        return liveHeapMax;
    }

    /** The longest of the full collections the heap figure forced (the node stops for it), jcmd included. */
    long fullGcMaxMillis() {
        return fullGcMaxNanos / 1_000_000;
    }

    long residentMax() {
        return residentMax;
    }
}
