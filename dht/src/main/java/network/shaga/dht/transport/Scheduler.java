package network.shaga.dht.transport;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The clock and executor of one node: every task submitted here runs serially (never two at
 * once), so the node's state needs no locks. Real networks back it with a shared thread pool;
 * the simulator backs it with virtual time.
 */
public interface Scheduler extends Executor {
  /** Monotonic time in nanoseconds (virtual in the simulator); only differences are meaningful. */
  long nanoTime();

  /** Runs the task once after the delay, on this scheduler. */
  Cancellable schedule(Duration delay, Runnable task);

  /** Runs the task soon, on this scheduler, after tasks already queued. */
  @Override
  void execute(Runnable task);

  /** Handle to a scheduled task. */
  interface Cancellable {
    /** Prevents the task from running if it has not started yet. */
    void cancel();
  }
}
