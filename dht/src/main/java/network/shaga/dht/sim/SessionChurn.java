package network.shaga.dht.sim;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Function;
import java.util.function.LongSupplier;
import network.shaga.dht.DhtNode;
import network.shaga.dht.transport.Network;
import network.shaga.dht.transport.Scheduler;

/**
 * Session churn on the simulator: each churning node leaves without a goodbye when its session
 * (drawn from {@link SessionLengths}) ends and is replaced at once by a fresh node, with a new id
 * on a fresh address, that bootstraps from live nodes and starts its own session. Nodes never
 * handed to {@link #start} (e.g. a scenario's hosts) do not churn. Single-threaded: call it from
 * the simulator's thread.
 */
public final class SessionChurn {
  /** Hears nodes join and leave (e.g. a {@link TrafficMeter}). */
  public interface Listener {
    /** A fresh node was created (it may not have finished bootstrapping). */
    void joined(DhtNode node, long now);

    /** A node left (closed without a goodbye). */
    void left(DhtNode node, long now);
  }

  private final Network network;
  private final Scheduler timer;
  private final LongSupplier clock;
  private final Random random;
  private final SessionLengths sessions;
  private final Scenario nodeSettings;
  private final LiveNodes live;
  private final List<Listener> listeners = new ArrayList<>();
  private final Map<DhtNode, Long> departedAt = new IdentityHashMap<>();
  private Function<InetSocketAddress, List<InetSocketAddress>> bootstrap;
  private int replaced;
  private int nextFreshHost;

  /**
   * Churn on {@code driver}'s network and clock, among {@code live}; newcomers are configured
   * like {@code nodeSettings}'s nodes. {@code sessions} null: no session ends by itself (only
   * {@link #leave} removes nodes).
   */
  public SessionChurn(SimDriver driver, Random random, SessionLengths sessions,
      Scenario nodeSettings, LiveNodes live) {
    this.network = driver.network();
    this.timer = driver.scheduler();
    this.clock = driver::nanoTime;
    this.random = random;
    this.sessions = sessions;
    this.nodeSettings = nodeSettings;
    this.live = live;
    this.bootstrap = fresh -> {
      List<InetSocketAddress> boot = new ArrayList<>();
      for (int i = 0; i < 3 && live.size() > 0; i++) {
        boot.add(live.random().localAddress());
      }
      return boot;
    };
  }

  /** Adds a listener for joins and leaves. */
  public SessionChurn listen(Listener listener) {
    listeners.add(listener);
    return this;
  }

  /**
   * Replaces how a newcomer on a fresh address picks its bootstrap nodes (default: three random
   * live nodes).
   */
  public SessionChurn bootstrapWith(Function<InetSocketAddress, List<InetSocketAddress>> pick) {
    this.bootstrap = pick;
    return this;
  }

  /**
   * Gives every node of {@code nodes} the rest of a session in progress (the network is taken to
   * be in steady state, so nodes leave at the steady-state rate from the first minute).
   */
  public void start(Collection<DhtNode> nodes) {
    if (sessions == null) {
      return;
    }
    for (DhtNode n : nodes) {
      departLater(n, sessions.sampleResidualNanos(random));
    }
  }

  /** Nodes whose session ended and that were replaced so far. */
  public int replaced() {
    return replaced;
  }

  /** When {@code n} left (driver nanoseconds), if it did. */
  public OptionalLong departedAt(DhtNode n) {
    Long at = departedAt.get(n);
    return at == null ? OptionalLong.empty() : OptionalLong.of(at);
  }

  /** A node leaves without a goodbye (and is not replaced). */
  public void leave(DhtNode n) {
    long now = clock.getAsLong();
    live.remove(n);
    departedAt.put(n, now);
    for (Listener l : listeners) {
      l.left(n, now);
    }
    n.close();
  }

  private void departLater(DhtNode n, long afterNanos) {
    timer.schedule(Duration.ofNanos(afterNanos), () -> {
      if (live.contains(n)) {
        leave(n);
        replaced++;
        join();
      }
    });
  }

  /** A fresh node joins on a fresh address and starts its own session. */
  private void join() {
    InetSocketAddress address = freshAddress();
    List<InetSocketAddress> boot = bootstrap.apply(address);
    DhtNode node = DhtNode.create(ScenarioRunner.config(nodeSettings, boot, random.nextLong())
        .toBuilder().bindAddress(address.getAddress()).port(address.getPort()).build(), network);
    long now = clock.getAsLong();
    for (Listener l : listeners) {
      l.joined(node, now);
    }
    node.start().whenComplete((v, e) -> {
      if (e == null && !departedAt.containsKey(node)) {
        live.add(node);
      }
    });
    departLater(node, sessions.sampleNanos(random));
  }

  /** Newcomers live in 11.0.0.0/8, apart from the simulator's own 10.0.0.0/8 addresses. */
  private InetSocketAddress freshAddress() {
    int h = ++nextFreshHost;
    try {
      return new InetSocketAddress(InetAddress.getByAddress(
          new byte[] {11, (byte) (h >>> 16), (byte) (h >>> 8), (byte) h}), 6881);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
