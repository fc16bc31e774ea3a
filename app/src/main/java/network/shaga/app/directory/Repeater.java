package network.shaga.app.directory;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs a task at a fixed rate until cancelled: the heartbeat clock, on wall time in the app and on virtual time in the simulator. */
@FunctionalInterface
public interface Repeater {
    /** Runs {@code task} every {@code period}, the first time one period from now; the result cancels it. */
    Runnable every(Duration period, Runnable task);

    /** A repeater on a scheduled executor. */
    static Repeater of(ScheduledExecutorService timer) {
        return (period, task) -> {
            long millis = period.toMillis();
            ScheduledFuture<?> future = timer.scheduleAtFixedRate(task, millis, millis, TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        };
    }
}
