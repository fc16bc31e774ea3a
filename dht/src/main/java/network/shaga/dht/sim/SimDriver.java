package network.shaga.dht.sim;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import network.shaga.dht.transport.Network;
import network.shaga.dht.transport.Scheduler;
import network.shaga.dht.transport.UdpNetwork;

/**
 * How a scenario waits and tells time on a network: virtual time on the simulator (waiting runs
 * the event queue), wall time on real UDP. Scenario code written against it runs on both.
 */
public interface SimDriver extends AutoCloseable {
  /** The network nodes bind to. */
  Network network();

  /** Waits for a future (on the simulator: runs events until it completes). */
  <T> T await(CompletableFuture<T> future) throws Exception;

  /** Now, in nanoseconds of the driver's time. */
  long nanoTime();

  /** Lets {@code d} pass (on the simulator: runs the events due in it). */
  void pass(Duration d) throws InterruptedException;

  /** A scheduler on the driver's time, for the scenario's own timers. */
  Scheduler scheduler();

  @Override
  void close();

  /** Virtual time on {@code sim}; an await gives up after {@code timeout} of virtual time. */
  static SimDriver simulated(SimNetwork sim, Duration timeout) {
    Scheduler scheduler = sim.newScheduler();
    return new SimDriver() {
      @Override
      public Network network() {
        return sim;
      }

      @Override
      public <T> T await(CompletableFuture<T> future) throws Exception {
        return sim.await(future, timeout);
      }

      @Override
      public long nanoTime() {
        return sim.nanoTime();
      }

      @Override
      public void pass(Duration d) {
        sim.runFor(d);
      }

      @Override
      public Scheduler scheduler() {
        return scheduler;
      }

      @Override
      public void close() {
        sim.close();
      }
    };
  }

  /** Wall time on real sockets; an await gives up after {@code timeout}. */
  static SimDriver udp(UdpNetwork udp, Duration timeout) {
    Scheduler scheduler = udp.newScheduler();
    return new SimDriver() {
      @Override
      public Network network() {
        return udp;
      }

      @Override
      public <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }

      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void pass(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
      }

      @Override
      public Scheduler scheduler() {
        return scheduler;
      }

      @Override
      public void close() {
        udp.close();
      }
    };
  }
}
