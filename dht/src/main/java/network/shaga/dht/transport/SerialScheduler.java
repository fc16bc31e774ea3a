package network.shaga.dht.transport;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Scheduler} that runs its tasks one at a time on a shared pool, so thousands of nodes
 * can share a few threads. Timers fire on a shared timer (a timer thread, or the event loop's own
 * queue) and hop onto this scheduler.
 */
public final class SerialScheduler implements Scheduler {
  private static final System.Logger LOG = System.getLogger(SerialScheduler.class.getName());
  /** Tasks run per turn before yielding the pool thread to other nodes. */
  private static final int BATCH = 64;

  private final Executor pool;
  private final Timers timers;
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  /** The scheduler whose tasks the current thread is running, if any. */
  private static final ThreadLocal<SerialScheduler> CURRENT = new ThreadLocal<>();

  /** Where delayed tasks wait until they are due; {@code fire} must be run once, on any thread. */
  @FunctionalInterface
  public interface Timers {
    Cancellable schedule(long delayNanos, Runnable fire);
  }

  /** Timers on a shared timer thread. */
  public SerialScheduler(Executor pool, ScheduledExecutorService timer) {
    this(pool, (delayNanos, fire) -> {
      ScheduledFuture<?> f = timer.schedule(fire, delayNanos, TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    });
  }

  /** Timers kept by the given queue. */
  public SerialScheduler(Executor pool, Timers timers) {
    this.pool = pool;
    this.timers = timers;
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    try {
      return timers.schedule(Math.max(0, delay.toNanos()), () -> execute(task));
    } catch (RejectedExecutionException e) {
      // The network was closed: nothing runs any more, so the timer can never fire.
      return () -> {};
    }
  }

  @Override
  public void execute(Runnable task) {
    queue.add(task);
    if (pending.getAndIncrement() == 0) {
      try {
        pool.execute(this::drain);
      } catch (RejectedExecutionException e) {
        // The network was closed: its nodes are stopped and their tasks are dropped.
        LOG.log(System.Logger.Level.DEBUG, "task dropped after the network closed");
      }
    }
  }

  /** True when called from a task of this scheduler (waiting on it would deadlock). */
  public boolean isCurrentThread() {
    return CURRENT.get() == this;
  }

  private void drain() {
    CURRENT.set(this);
    int done = 0;
    int remaining;
    do {
      Runnable task = queue.poll();
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        LOG.log(System.Logger.Level.ERROR, "task failed", e);
      }
      done++;
      remaining = pending.decrementAndGet();
    } while (remaining > 0 && done < BATCH);
    // set(null), not remove(): the thread's entry stays, so the next drain on it allocates none.
    CURRENT.set(null);
    if (remaining > 0) {
      // Still the owner (the counter never reached 0): yield the pool thread to other nodes.
      pool.execute(this::drain);
    }
  }
}
