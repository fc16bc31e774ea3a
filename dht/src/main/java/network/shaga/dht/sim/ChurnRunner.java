package network.shaga.dht.sim;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import network.shaga.dht.Bencode;
import network.shaga.dht.DhtNode;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.dht.MutableItem;
import network.shaga.dht.NodeId;
import network.shaga.dht.StoreResult;
import network.shaga.dht.sim.ChurnReport.FaultReport;
import network.shaga.dht.sim.ChurnReport.Latency;
import network.shaga.dht.sim.ChurnReport.RecoveryPoint;
import network.shaga.dht.sim.ChurnReport.StorageLoad;
import network.shaga.dht.transport.Scheduler;

/**
 * Runs a {@link ChurnScenario} on the simulator: a network under session churn and loss, then
 * one fault (a mass kill or a partition that heals), with the real node code in virtual time.
 * Single-threaded, like {@link SimNetwork}: everything runs on the calling thread.
 */
public final class ChurnRunner {
  private static final System.Logger LOG = System.getLogger(ChurnRunner.class.getName());
  /** How long a round of gets may take before the ones still running count as failed. */
  private static final Duration ROUND_LIMIT = Duration.ofSeconds(60);
  /** Most gets in one recovery round (a sample of the items). */
  private static final int ROUND_SIZE = 500;
  /** Gets and stores in flight at once when every item is checked or stored. */
  private static final int BATCH = 1000;
  private static final double RECOVERED = 0.99;

  private final ChurnScenario s;
  private final SimNetwork sim;
  private final SimDriver driver;
  private final Scheduler timer;
  private final Random random;
  private final SessionLengths sessions;
  private final Scenario nodeSettings;
  private final LiveNodes live;
  private final TrafficMeter traffic = new TrafficMeter();
  private final SessionChurn churn;
  private final List<Announce> announced = new ArrayList<>();
  /** Side A of a partition in progress (addresses), or null while the network is whole. */
  private Set<InetSocketAddress> sideA;
  private double sideAFraction;

  private ChurnRunner(ChurnScenario s, LatencyModel latency) {
    this.s = s;
    this.sim = new SimNetwork(latency, s.loss(), s.seed());
    this.driver = SimDriver.simulated(sim, ROUND_LIMIT);
    this.timer = driver.scheduler();
    this.random = new Random(s.seed());
    this.live = new LiveNodes(random);
    this.sessions = s.sessionLengths();
    this.nodeSettings = Scenario.of(s.nodes()).withK(s.k())
        .withReplication(s.replicationInterval()).withSeed(s.seed());
    this.churn = new SessionChurn(driver, random, sessions, nodeSettings, live).listen(traffic)
        .bootstrapWith(this::bootstrap);
  }

  /** Runs the scenario; {@code name} labels the latency model in the report (e.g. sim-wan). */
  public static ChurnReport simulated(ChurnScenario s, LatencyModel latency, String name)
      throws Exception {
    ChurnRunner run = new ChurnRunner(s, latency);
    try (SimDriver d = run.driver) {
      return run.run(name);
    }
  }

  private ChurnReport run(String name) throws Exception {
    long wall0 = System.nanoTime();
    long virtual0 = sim.nanoTime();
    for (DhtNode n : ScenarioRunner.startNodes(nodeSettings, driver, random)) {
      live.add(n);
    }
    sim.runFor(Duration.ofMillis(200));
    List<MutableItem> items = new ArrayList<>();
    for (int i = 0; i < s.items(); i++) {
      items.add(MutableItem.sign(Ed25519KeyPair.fromSeed(seed()),
          ("item" + i).getBytes(StandardCharsets.US_ASCII), 1, Bencode.encode("value " + i)));
    }
    double acksMin = Math.min(store(items, live::random), announce());
    long heap = usedHeap();

    // Churn runs from the warm-up on; the window then measures a network at its pace.
    churn.start(live.all());
    sim.runFor(s.warmup());
    int replacedBefore = churn.replaced();
    traffic.open(live.all(), sim.nanoTime());
    List<Probe> windowGets = new ArrayList<>();
    for (int i = 0; i < s.lookups(); i++) {
      MutableItem item = items.get(random.nextInt(items.size()));
      timer.schedule(Duration.ofNanos((long) (random.nextDouble() * s.window().toNanos())),
          () -> windowGets.add(get(live.random(), item)));
    }
    sim.runFor(s.window());
    traffic.close(live.all(), sim.nanoTime());
    StorageLoad storage = storage();
    awaitProbes(windowGets);
    double[] windowLatency = latencies(windowGets);
    double windowSuccess = success(windowGets);
    double itemsRetrievable = retrievable(items);
    double peersRetrievable = peersRetrievable();

    FaultReport fault = null;
    if (s.fault() instanceof Fault.Kill kill) {
      fault = kill(kill, items);
    } else if (s.fault() instanceof Fault.Partition cut) {
      fault = partition(cut, items);
    }
    for (DhtNode n : live.all()) {
      n.close();
    }
    return new ChurnReport(name, s.nodes(), s.items(), s.announces(), s.loss(),
        s.churnPerHour(), sessions == null ? "none" : sessions.label(),
        s.warmup().toMillis() / 60_000.0, s.window().toMillis() / 60_000.0, acksMin, Latency.of(windowLatency),
        (int) windowGets.stream().filter(this::counts).count(), windowSuccess,
        churn.replaced() - replacedBefore, storage,
        traffic.packets(), traffic.bytes(), itemsRetrievable, peersRetrievable, fault, heap,
        (sim.nanoTime() - virtual0) / 6e10, (System.nanoTime() - wall0) / 1_000_000);
  }

  // ---------------------------------------------------------------- faults

  private FaultReport kill(Fault.Kill kill, List<MutableItem> items) throws Exception {
    List<DhtNode> victims = new ArrayList<>(live.all());
    Collections.shuffle(victims, random);
    int n = (int) Math.round(victims.size() * kill.fraction());
    for (DhtNode v : victims.subList(0, n)) {
      churn.leave(v);
    }
    long t0 = sim.nanoTime();
    List<MutableItem> sample = sample(items);
    List<Probe> first = round(sample, live::random);
    List<RecoveryPoint> curve = new ArrayList<>();
    curve.add(new RecoveryPoint(0, success(first)));
    double recovered = recoveryCurve(t0, sample, live::random, Duration.ofSeconds(30), curve);
    return new FaultReport(kill.label(), n, success(first), Latency.of(latencies(first)),
        Double.NaN, Double.NaN, retrievable(items), recovered, 0, curve);
  }

  private FaultReport partition(Fault.Partition cut, List<MutableItem> before)
      throws Exception {
    sideAFraction = cut.fraction();
    sideA = new HashSet<>();
    for (DhtNode n : live.all()) {
      if (random.nextDouble() < cut.fraction()) {
        sideA.add(n.localAddress());
      }
    }
    Set<InetSocketAddress> a = sideA;
    sim.partition(a::contains);
    long t0 = sim.nanoTime();
    // Let routing tables notice the cut before publishing on each side of it.
    sim.runFor(min(Duration.ofSeconds(30), cut.healAfter().dividedBy(4)));
    int perSide = Math.max(10, Math.min(s.items(), ROUND_SIZE / 2));
    List<MutableItem> onA = new ArrayList<>();
    List<MutableItem> onB = new ArrayList<>();
    for (int i = 0; i < perSide; i++) {
      onA.add(MutableItem.sign(Ed25519KeyPair.fromSeed(seed()),
          ("cut-a" + i).getBytes(StandardCharsets.US_ASCII), 1, Bencode.encode("a " + i)));
      onB.add(MutableItem.sign(Ed25519KeyPair.fromSeed(seed()),
          ("cut-b" + i).getBytes(StandardCharsets.US_ASCII), 1, Bencode.encode("b " + i)));
    }
    store(onA, () -> onSide(true));
    store(onB, () -> onSide(false));
    List<Probe> across = round(onB, () -> onSide(true));
    across.addAll(round(onA, () -> onSide(false)));
    List<Probe> same = round(onA, () -> onSide(true));
    same.addAll(round(onB, () -> onSide(false)));
    List<Probe> old = round(sample(before), live::random);

    long healAt = t0 + cut.healAfter().toNanos();
    if (sim.nanoTime() < healAt) {
      sim.runFor(Duration.ofNanos(healAt - sim.nanoTime()));
    }
    sim.heal();
    sideA = null;
    long healed = sim.nanoTime();
    List<MutableItem> crossing = new ArrayList<>(onA);
    crossing.addAll(onB);
    // Gets from the side that did not publish: a's items from b's old members and back is what
    // was cut; after the heal any live node asks, newcomers included.
    List<RecoveryPoint> curve = new ArrayList<>();
    double recovered = recoveryCurve(healed, crossing, live::random, Duration.ofSeconds(15),
        curve);
    List<MutableItem> all = new ArrayList<>(before);
    all.addAll(crossing);
    return new FaultReport(cut.label(), a.size(), success(across), Latency.of(latencies(across)),
        success(old), success(same), retrievable(all), recovered, (healed - t0) / 1e9, curve);
  }

  /**
   * Runs a round of gets every {@code every} until the scenario's recovery time has passed since
   * {@code t0}; returns the seconds until the first round that reached {@value #RECOVERED}
   * (-1 if none; 0 if a round already in {@code curve} did).
   */
  private double recoveryCurve(long t0, List<MutableItem> targets, Supplier<DhtNode> origins,
      Duration every, List<RecoveryPoint> curve) throws Exception {
    double recovered = -1;
    for (RecoveryPoint p : curve) {
      if (recovered < 0 && p.success() >= RECOVERED) {
        recovered = p.seconds();
      }
    }
    long end = t0 + s.recovery().toNanos();
    while (sim.nanoTime() < end) {
      long started = sim.nanoTime();
      List<Probe> r = round(targets, origins);
      double at = (started - t0) / 1e9;
      curve.add(new RecoveryPoint(at, success(r)));
      if (recovered < 0 && success(r) >= RECOVERED) {
        recovered = at;
      }
      long next = started + every.toNanos();
      if (sim.nanoTime() < next) {
        sim.runFor(Duration.ofNanos(Math.min(next, end) - sim.nanoTime()));
      }
    }
    return recovered;
  }

  // ---------------------------------------------------------------- churn

  /**
   * A newcomer's bootstrap nodes: three live nodes, of its own side while the network is cut
   * (it joins side A with that side's share of the nodes).
   */
  private List<InetSocketAddress> bootstrap(InetSocketAddress address) {
    boolean onA = sideA != null && random.nextDouble() < sideAFraction;
    if (onA) {
      sideA.add(address);
    }
    List<InetSocketAddress> boot = new ArrayList<>();
    for (int i = 0; i < 3 && live.size() > 0; i++) {
      boot.add((sideA == null ? live.random() : onSide(onA)).localAddress());
    }
    return boot;
  }

  /** A random live node on side A (or B) of the partition; any live node if none is found. */
  private DhtNode onSide(boolean a) {
    Set<InetSocketAddress> cut = sideA;
    for (int i = 0; i < 256; i++) {
      DhtNode n = live.random();
      if (cut == null || cut.contains(n.localAddress()) == a) {
        return n;
      }
    }
    return live.random();
  }

  // ---------------------------------------------------------------- stores and gets

  /** Puts every item from a node {@code publishers} picks; returns the fewest acks of any. */
  private int store(List<MutableItem> items, Supplier<DhtNode> publishers) throws Exception {
    int min = Integer.MAX_VALUE;
    for (int from = 0; from < items.size(); from += BATCH) {
      List<CompletableFuture<StoreResult>> puts = new ArrayList<>();
      for (MutableItem item : items.subList(from, Math.min(items.size(), from + BATCH))) {
        puts.add(publishers.get().put(item));
      }
      for (CompletableFuture<StoreResult> put : puts) {
        min = Math.min(min, acks(put));
      }
    }
    return min == Integer.MAX_VALUE ? 0 : min;
  }

  /**
   * Announces {@code s.announces()} peers, about ten per infohash (like hosts in a map cell),
   * each for two hours; returns the fewest acks of any.
   */
  private int announce() throws Exception {
    int swarms = Math.max(1, s.announces() / 10);
    int min = Integer.MAX_VALUE;
    for (int from = 0; from < s.announces(); from += BATCH) {
      List<CompletableFuture<StoreResult>> stores = new ArrayList<>();
      for (int i = from; i < Math.min(s.announces(), from + BATCH); i++) {
        byte[] infohash = NodeId.sha1(("swarm/" + (i % swarms))
            .getBytes(StandardCharsets.US_ASCII)).toBytes();
        DhtNode peer = live.random();
        int port = 20_000 + i % 40_000;
        announced.add(new Announce(infohash,
            new InetSocketAddress(peer.localAddress().getAddress(), port)));
        stores.add(peer.announce(infohash, port, Duration.ofHours(2)));
      }
      for (CompletableFuture<StoreResult> f : stores) {
        min = Math.min(min, acks(f));
      }
    }
    return min == Integer.MAX_VALUE ? 0 : min;
  }

  private int acks(CompletableFuture<StoreResult> f) throws Exception {
    try {
      return driver.await(f).acks();
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      LOG.log(System.Logger.Level.DEBUG, "store did not finish: " + e);
      return 0;
    }
  }

  /** The fraction of items a get from a random live node finds, all items checked. */
  private double retrievable(List<MutableItem> items) throws Exception {
    int found = 0;
    int counted = 0;
    for (int from = 0; from < items.size(); from += BATCH) {
      List<Probe> r = round(items.subList(from, Math.min(items.size(), from + BATCH)),
          live::random);
      for (Probe p : r) {
        if (counts(p)) {
          counted++;
          found += p.found ? 1 : 0;
        }
      }
    }
    return counted == 0 ? 0 : (double) found / counted;
  }

  /** The fraction of announced peer entries a get_peers from a random live node returns. */
  private double peersRetrievable() throws Exception {
    if (announced.isEmpty()) {
      return 1;
    }
    Map<String, List<Announce>> bySwarm = new java.util.LinkedHashMap<>();
    for (Announce a : announced) {
      bySwarm.computeIfAbsent(NodeId.of(a.infohash()).toString(), k -> new ArrayList<>()).add(a);
    }
    int found = 0;
    List<List<Announce>> swarms = new ArrayList<>(bySwarm.values());
    for (int from = 0; from < swarms.size(); from += BATCH) {
      List<List<Announce>> batch = swarms.subList(from, Math.min(swarms.size(), from + BATCH));
      List<CompletableFuture<List<InetSocketAddress>>> gets = new ArrayList<>();
      for (List<Announce> swarm : batch) {
        gets.add(live.random().getPeers(swarm.get(0).infohash()));
      }
      for (int i = 0; i < batch.size(); i++) {
        Set<InetSocketAddress> got = new HashSet<>();
        try {
          got.addAll(driver.await(gets.get(i)));
        } catch (java.util.concurrent.TimeoutException
            | java.util.concurrent.ExecutionException e) {
          LOG.log(System.Logger.Level.DEBUG, "get_peers did not finish: " + e);
        }
        for (Announce a : batch.get(i)) {
          found += got.contains(a.peer()) ? 1 : 0;
        }
      }
    }
    return (double) found / announced.size();
  }

  /** An announced peer entry: who announced which port under which infohash. */
  private record Announce(byte[] infohash, InetSocketAddress peer) {}

  /** One get in flight or done, timed in virtual time. */
  private static final class Probe {
    final DhtNode origin;
    final long start;
    long end = -1;
    boolean found;

    Probe(DhtNode origin, long start) {
      this.origin = origin;
      this.start = start;
    }
  }

  private Probe get(DhtNode origin, MutableItem item) {
    Probe p = new Probe(origin, sim.nanoTime());
    origin.get(item.publicKey(), item.salt()).whenComplete((v, e) -> {
      p.end = sim.nanoTime();
      p.found = e == null && v.isPresent() && v.get().seq() >= item.seq();
    });
    return p;
  }

  /** Gets every target at once from nodes {@code origins} picks, and waits for them. */
  private List<Probe> round(List<MutableItem> targets, Supplier<DhtNode> origins)
      throws Exception {
    List<Probe> r = new ArrayList<>();
    for (MutableItem item : targets) {
      r.add(get(origins.get(), item));
    }
    awaitProbes(r);
    return r;
  }

  private void awaitProbes(List<Probe> probes) {
    long until = sim.nanoTime() + ROUND_LIMIT.toNanos();
    while (sim.nanoTime() < until && probes.stream().anyMatch(p -> p.end < 0)) {
      sim.runFor(Duration.ofMillis(100));
    }
  }

  /** A get counts unless the node that ran it left before it finished. */
  private boolean counts(Probe p) {
    java.util.OptionalLong left = churn.departedAt(p.origin);
    return left.isEmpty() || (p.end >= 0 && p.end < left.getAsLong());
  }

  private double success(List<Probe> probes) {
    int counted = 0;
    int found = 0;
    for (Probe p : probes) {
      if (counts(p)) {
        counted++;
        found += p.found ? 1 : 0;
      }
    }
    return counted == 0 ? 0 : (double) found / counted;
  }

  private double[] latencies(List<Probe> probes) {
    return probes.stream().filter(p -> counts(p) && p.end >= 0)
        .mapToDouble(p -> (p.end - p.start) / 1e6).toArray();
  }

  private List<MutableItem> sample(List<MutableItem> items) {
    List<MutableItem> copy = new ArrayList<>(items);
    Collections.shuffle(copy, random);
    return new ArrayList<>(copy.subList(0, Math.min(copy.size(), ROUND_SIZE)));
  }

  // ---------------------------------------------------------------- measurements

  private StorageLoad storage() {
    return StorageLoad.of(live.all());
  }

  private byte[] seed() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }
}
