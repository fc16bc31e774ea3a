package network.shaga.dht.sim;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import network.shaga.dht.transport.DatagramHandler;
import network.shaga.dht.transport.Endpoint;
import network.shaga.dht.transport.Network;
import network.shaga.dht.transport.Scheduler;

/**
 * A simulated datagram network in virtual time: one event queue drives every node's timers and
 * deliveries, so 10^4-10^5 nodes run deterministically in one thread at CPU speed. Latency,
 * loss and churn are configurable. It is single-threaded: the thread that calls
 * {@link #runFor}, {@link #await} or {@link #runUntilIdle} is the one that runs every node.
 */
public final class SimNetwork implements Network {
  private static final System.Logger LOG = System.getLogger(SimNetwork.class.getName());
  /** Virtual time starts here (not 0, so "long ago" sentinels stay in the past). */
  private static final long EPOCH = 1_000_000_000_000L;

  private final LatencyModel latency;
  private double loss;
  /** While partitioned: which side of the cut an address is on; null when whole. */
  private Predicate<InetSocketAddress> sideA;
  private final SplittableRandom random;
  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  private final Map<InetSocketAddress, SimEndpoint> endpoints = new HashMap<>();
  /** Access delay per IP: endpoints of one machine share its last mile. */
  private final Map<InetAddress, Long> accessByIp = new HashMap<>();
  private long now = EPOCH;
  private long sequence;
  private int nextHost = 1;
  private long delivered;
  private long dropped;
  private long cut;

  /**
   * @param latency delay model
   * @param loss probability that a datagram is lost
   * @param seed random seed (same seed, same run)
   */
  public SimNetwork(LatencyModel latency, double loss, long seed) {
    this.latency = latency;
    this.loss = loss;
    this.random = new SplittableRandom(seed);
  }

  private static final class Event implements Comparable<Event> {
    final long at;
    final long seq;
    final Runnable task;
    boolean cancelled;

    Event(long at, long seq, Runnable task) {
      this.at = at;
      this.seq = seq;
      this.task = task;
    }

    @Override
    public int compareTo(Event o) {
      return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
    }
  }

  private Event post(long at, Runnable task) {
    Event e = new Event(at, sequence++, task);
    queue.add(e);
    return e;
  }

  /** Virtual now in nanoseconds. */
  public long nanoTime() {
    return now;
  }

  @Override
  public Scheduler newScheduler() {
    return new Scheduler() {
      @Override
      public long nanoTime() {
        return now;
      }

      @Override
      public Cancellable schedule(Duration delay, Runnable task) {
        Event e = post(now + Math.max(0, delay.toNanos()), task);
        return () -> e.cancelled = true;
      }

      @Override
      public void execute(Runnable task) {
        post(now, task);
      }
    };
  }

  /**
   * Binds a simulated endpoint. Port 0 (or an unspecified or loopback address) gets a fresh
   * address {@code 10.x.y.z:6881}, one IP per endpoint, so nodes look like distinct machines;
   * another port on an IP already in use is another socket of that machine (same access delay).
   */
  @Override
  public Endpoint bind(InetSocketAddress address, Scheduler scheduler, DatagramHandler handler)
      throws IOException {
    InetSocketAddress local = address;
    if (address.getPort() == 0 || address.getAddress().isLoopbackAddress()
        || address.getAddress().isAnyLocalAddress()) {
      local = freshAddress();
    }
    if (endpoints.containsKey(local)) {
      throw new IOException("address in use: " + local);
    }
    long access = accessByIp.computeIfAbsent(local.getAddress(), ip -> latency.accessNanos(random));
    SimEndpoint e = new SimEndpoint(local, scheduler, handler, access);
    endpoints.put(local, e);
    return e;
  }

  private InetSocketAddress freshAddress() throws UnknownHostException {
    int h = nextHost++;
    byte[] ip = {10, (byte) (h >>> 16), (byte) (h >>> 8), (byte) h};
    return new InetSocketAddress(InetAddress.getByAddress(ip), 6881);
  }

  private final class SimEndpoint implements Endpoint {
    final InetSocketAddress local;
    final Scheduler scheduler;
    final DatagramHandler handler;
    final long access;
    boolean open = true;

    SimEndpoint(InetSocketAddress local, Scheduler scheduler, DatagramHandler handler,
        long access) {
      this.local = local;
      this.scheduler = scheduler;
      this.handler = handler;
      this.access = access;
    }

    @Override
    public InetSocketAddress localAddress() {
      return local;
    }

    @Override
    public void send(InetSocketAddress to, byte[] data) {
      SimEndpoint target = endpoints.get(to);
      if (!open || target == null || random.nextDouble() < loss) {
        dropped++;
        return;
      }
      if (acrossCut(local, to)) {
        dropped++;
        cut++;
        return;
      }
      byte[] copy = data.clone();
      long delay = access + target.access + latency.jitterNanos(random);
      post(now + delay, () -> {
        if (!target.open) {
          dropped++;
        } else if (acrossCut(local, target.local)) {
          dropped++;
          cut++;
        } else {
          delivered++;
          target.handler.onDatagram(local, copy);
        }
      });
    }

    @Override
    public void close() {
      open = false;
      endpoints.remove(local, this);
    }
  }

  private boolean acrossCut(InetSocketAddress from, InetSocketAddress to) {
    return sideA != null && sideA.test(from) != sideA.test(to);
  }

  /**
   * Cuts the network in two: from now on (and for datagrams still in flight) nothing crosses
   * between addresses for which {@code sideA} holds and the others, until {@link #heal()}.
   */
  public void partition(Predicate<InetSocketAddress> sideA) {
    this.sideA = sideA;
  }

  /** Ends a partition: datagrams cross freely again. */
  public void heal() {
    sideA = null;
  }

  /** Whether the network is currently cut in two. */
  public boolean partitioned() {
    return sideA != null;
  }

  /** Changes the loss probability for datagrams sent from now on. */
  public void setLoss(double loss) {
    if (loss < 0 || loss >= 1) {
      throw new IllegalArgumentException("loss must be in [0, 1): " + loss);
    }
    this.loss = loss;
  }

  /** Runs events until virtual time has advanced by {@code duration}. */
  public void runFor(Duration duration) {
    long until = now + duration.toNanos();
    while (!queue.isEmpty() && queue.peek().at <= until) {
      step();
    }
    now = Math.max(now, until);
  }

  /** Runs events until none are left or {@code maxEvents} ran; returns how many ran. */
  public long runUntilIdle(long maxEvents) {
    long n = 0;
    while (!queue.isEmpty() && n < maxEvents) {
      step();
      n++;
    }
    return n;
  }

  /** Runs events until the future completes or {@code timeout} of virtual time passes. */
  public <T> T await(CompletableFuture<T> future, Duration timeout)
      throws ExecutionException, TimeoutException, InterruptedException {
    long until = now + timeout.toNanos();
    while (!future.isDone() && !queue.isEmpty() && queue.peek().at <= until) {
      step();
    }
    if (!future.isDone()) {
      now = Math.max(now, until);
      throw new TimeoutException("not done after " + timeout + " of virtual time");
    }
    return future.get();
  }

  private void step() {
    Event e = queue.poll();
    now = Math.max(now, e.at);
    if (!e.cancelled) {
      try {
        e.task.run();
      } catch (RuntimeException ex) {
        // One node's bug must not stop the whole simulation.
        LOG.log(System.Logger.Level.ERROR, "simulated task failed", ex);
      }
    }
  }

  /** Datagrams delivered so far. */
  public long delivered() {
    return delivered;
  }

  /** Datagrams lost (random loss or dead destination). */
  public long dropped() {
    return dropped;
  }

  /** Datagrams dropped because they would have crossed a partition. */
  public long droppedAtCut() {
    return cut;
  }

  /** Events waiting in the queue. */
  public int pendingEvents() {
    return queue.size();
  }

  @Override
  public void close() {
    queue.clear();
    for (SimEndpoint e : endpoints.values().toArray(new SimEndpoint[0])) {
      e.close();
    }
  }
}
