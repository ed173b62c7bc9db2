package io.chatsync.adapters.postgres.feed;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands a feed's {@link WakeUps} to the {@link ListenerSocketFactory} pgjdbc creates for its listening connection.
 *
 * <p>pgjdbc builds a socket factory by class name and passes it only string properties, so the wake-up cannot
 * travel as an object. It waits here under a random key, passed as {@code socketFactoryArg}, for as long as one
 * connection attempt lasts, and is removed when the attempt ends, connected or not.
 */
final class WakeUpHandOff implements AutoCloseable {

    private static final Map<String, WakeUps> WAITING = new ConcurrentHashMap<>();

    private final String key = "chatsync-feed-" + UUID.randomUUID();

    WakeUpHandOff(WakeUps wakeUps) {
        WAITING.put(key, wakeUps);
    }

    /** What pgjdbc passes to the factory as {@code socketFactoryArg}. */
    String key() {
        return key;
    }

    /**
     * The wake-ups waiting under {@code key}.
     *
     * @throws IllegalStateException when none wait under it (a stranger's key, or one whose attempt ended)
     */
    static WakeUps claim(String key) {
        WakeUps wakeUps = key == null ? null : WAITING.get(key);
        if (wakeUps == null) {
            throw new IllegalStateException("no change feed is connecting under " + key);
        }
        return wakeUps;
    }

    /** How many hand-overs are waiting now (none, between connection attempts). */
    static int waiting() {
        return WAITING.size();
    }

    @Override
    public void close() {
        WAITING.remove(key);
    }
}
