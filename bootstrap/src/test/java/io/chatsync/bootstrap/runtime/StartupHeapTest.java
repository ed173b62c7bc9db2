package io.chatsync.bootstrap.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class StartupHeapTest {

    @Test
    @Timeout(60)
    void whatStartUpLeftInTheSurvivorSpacesIsPromotedAndKept() {
        // Objects that live on, like a node's context, and enough garbage around them that young collections
        // have copied some of them into a survivor space.
        List<byte[]> kept = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (survivorBytes() == 0) {
            assertThat(System.nanoTime()).as("a young collection left something in a survivor space")
                    .isLessThan(deadline);
            kept.add(new byte[1024]);
            for (int i = 0; i < 1_000; i++) {
                blackHole = new byte[1024];
            }
        }

        new StartupHeap().compact();

        assertThat(survivorBytes()).as("bytes left in survivor spaces").isZero();
        assertThat(kept).allSatisfy(bytes -> assertThat(bytes).hasSize(1024));
    }

    @SuppressWarnings("unused")
    private static byte[] blackHole = new byte[0];

    private static long survivorBytes() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Survivor")) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }
}
