package io.chatsync.adapters.postgres.feed;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * "Something may have been committed": raised by the listening connection's socket and by the listener, awaited
 * by the log follower. Raising it is cheap and it holds at most one signal, however often it is raised.
 */
final class WakeUps {

    private final Semaphore signal = new Semaphore(0);

    void raise() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    /** Waits up to {@code millis} for a signal; returns whether one came. */
    boolean await(long millis) throws InterruptedException {
        return signal.tryAcquire(millis, TimeUnit.MILLISECONDS);
    }

    /** Forgets signals raised before the read that is about to start: it finds what they announced. */
    void clear() {
        signal.drainPermits();
    }
}
