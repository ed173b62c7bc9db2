package io.chatsync.bootstrap.scheduling;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A node's small periodic chores, each on a daemon thread of its own name. */
public final class DaemonSchedulers {

    private DaemonSchedulers() {
    }

    /** Runs {@code task} every {@code every} from {@code first} on; shut it down with {@code shutdownNow}. */
    public static ScheduledExecutorService every(String threadName, Duration first, Duration every, Runnable task) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(task, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return scheduler;
    }
}
