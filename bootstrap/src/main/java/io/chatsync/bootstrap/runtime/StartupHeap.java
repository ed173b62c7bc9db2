package io.chatsync.bootstrap.runtime;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Moves what start-up left on the heap out of the young generation, once, just before the node reports ready.
 *
 * <p>A node starts with some 30 MB of objects that live as long as it does (the application context, caches,
 * metadata). G1 keeps objects in the survivor spaces until they have lived through 15 young collections, and
 * copies them at each one: on two shared cores those first collections paused the node for 45-120 ms each, while
 * the same collections took 3-5 ms once start-up's objects had been promoted (docs/benchmarks.md, "What limits
 * each figure"). One full collection before the node takes traffic promotes them all at once. It costs one pause
 * of about 150 ms at start; {@code -XX:+DisableExplicitGC} turns it off.
 */
final class StartupHeap {

    private static final Logger log = LoggerFactory.getLogger(StartupHeap.class);

    @EventListener(ApplicationReadyEvent.class)
    void compactBeforeTraffic() {
        if (explicitCollectionsDisabled()) {
            log.info("Heap left as start-up made it: -XX:+DisableExplicitGC is set");
            return;
        }
        long start = System.nanoTime();
        compact();
        log.info("Heap compacted after start in {} ms: start-up's objects promoted out of the young generation",
                (System.nanoTime() - start) / 1_000_000);
    }

    /** One full collection: whatever is alive is moved to the old generation. */
    void compact() {
        // The one deliberate call: a full collection is what promotes every survivor at once.
        System.gc();
    }

    private static boolean explicitCollectionsDisabled() {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return hotSpot != null && Boolean.parseBoolean(hotSpot.getVMOption("DisableExplicitGC").getValue());
    }
}
