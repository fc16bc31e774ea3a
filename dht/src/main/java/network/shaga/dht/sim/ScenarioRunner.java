package network.shaga.dht.sim;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import network.shaga.dht.Bencode;
import network.shaga.dht.DhtConfig;
import network.shaga.dht.DhtNode;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.dht.MutableItem;
import network.shaga.dht.StoreResult;
import network.shaga.dht.storage.StorageLimits;
import network.shaga.dht.transport.UdpNetwork;

/**
 * Runs a {@link Scenario} on the simulator or on real UDP (loopback) with the same node code,
 * and reports latency percentiles, success rates, memory and threads.
 *
 * <p>Command line: {@code ScenarioRunner [udp|sim-zero|sim-lan|sim-wan] nodes [lookups]
 * [items] [udp worker threads] [churn fraction per minute, for 5 minutes]}.
 */
public final class ScenarioRunner {
  private static final Duration OP_TIMEOUT = Duration.ofSeconds(60);

  private ScenarioRunner() {}

  /** Runs the scenario on a simulated network. */
  public static ScenarioReport simulated(Scenario s, LatencyModel latency, String name,
      double loss) throws Exception {
    return run(s, name, SimDriver.simulated(new SimNetwork(latency, loss, s.seed()), OP_TIMEOUT));
  }

  /** Runs the scenario on real UDP sockets on loopback, all nodes sharing one network. */
  public static ScenarioReport udp(Scenario s, int workerThreads) throws Exception {
    return run(s, "udp", SimDriver.udp(UdpNetwork.create(workerThreads), OP_TIMEOUT));
  }

  private static ScenarioReport run(Scenario s, String name, SimDriver driver) throws Exception {
    long wall0 = System.nanoTime();
    Random random = new Random(s.seed());
    List<DhtNode> nodes = new ArrayList<>(s.nodes());
    try (driver) {
      startNodes(s, driver, nodes, random);
      // Let early nodes hear of later ones and settle their tables.
      driver.pass(Duration.ofMillis(200));

      List<MutableItem> items = new ArrayList<>();
      List<CompletableFuture<StoreResult>> puts = new ArrayList<>();
      for (int i = 0; i < s.items(); i++) {
        MutableItem item = MutableItem.sign(Ed25519KeyPair.fromSeed(seed(random)),
            ("item" + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII), 1,
            Bencode.encode("value " + i));
        items.add(item);
        puts.add(nodes.get(random.nextInt(nodes.size())).put(item));
      }
      int[] acks = new int[puts.size()];
      for (int i = 0; i < puts.size(); i++) {
        acks[i] = driver.await(puts.get(i)).acks();
      }
      Arrays.sort(acks);

      double[] latencies = new double[s.lookups()];
      int found = timedLookups(s, driver, nodes, items, random, latencies);

      long heap = usedHeap();
      int threads = ManagementFactory.getThreadMXBean().getThreadCount();

      List<DhtNode> live = new ArrayList<>(nodes);
      churn(s, driver, live, nodes, random);
      int foundAfterChurn = 0;
      for (MutableItem item : items) {
        if (get(driver, live.get(random.nextInt(live.size())), item).isPresent()) {
          foundAfterChurn++;
        }
      }

      int kill = (int) Math.round(s.nodes() * s.killFraction());
      List<DhtNode> alive = new ArrayList<>(live);
      Collections.shuffle(alive, random);
      for (DhtNode victim : alive.subList(0, kill)) {
        victim.close();
      }
      alive = new ArrayList<>(alive.subList(kill, alive.size()));
      double[] afterKill = new double[items.size()];
      int foundAfterKill = s.items() == 0 ? 0
          : timedLookups(s.withLookups(items.size(), s.lookupConcurrency()), driver, alive,
              items, random, afterKill);
      driver.pass(s.replicationInterval().multipliedBy(2));
      int foundLater = 0;
      for (MutableItem item : items) {
        if (get(driver, alive.get(random.nextInt(alive.size())), item).isPresent()) {
          foundLater++;
        }
      }
      long packets = 0;
      for (DhtNode n : nodes) {
        packets += n.stats().packetsOut();
      }
      for (DhtNode n : alive) {
        n.close();
      }
      Arrays.sort(latencies);
      Arrays.sort(afterKill);
      return new ScenarioReport(name, s.nodes(), s.items(), s.lookups(),
          percentile(latencies, 0.50), percentile(latencies, 0.95), percentile(latencies, 0.99),
          s.lookups() == 0 ? 0 : (double) found / s.lookups(),
          acks.length == 0 ? 0 : acks[acks.length / 2], acks.length == 0 ? 0 : acks[0], kill,
          s.items() == 0 ? 0 : (double) foundAfterChurn / s.items(),
          s.items() == 0 ? 0 : (double) foundAfterKill / s.items(),
          percentile(afterKill, 0.50),
          s.items() == 0 ? 0 : (double) foundLater / s.items(), heap, threads, packets,
          (System.nanoTime() - wall0) / 1_000_000);
    }
  }

  /**
   * Starts the scenario's nodes in batches, each new node bootstrapping from up to four random
   * earlier ones, and returns them once all have bootstrapped.
   */
  public static List<DhtNode> startNodes(Scenario s, SimDriver driver, Random random)
      throws Exception {
    List<DhtNode> nodes = new ArrayList<>(s.nodes());
    startNodes(s, driver, nodes, random);
    return nodes;
  }

  private static void startNodes(Scenario s, SimDriver driver, List<DhtNode> nodes, Random random)
      throws Exception {
    int batch = 50;
    int started = 0;
    while (started < s.nodes()) {
      List<InetSocketAddress> boot = new ArrayList<>();
      for (int j = 0; j < Math.min(4, nodes.size()); j++) {
        boot.add(nodes.get(random.nextInt(nodes.size())).localAddress());
      }
      // The first node starts alone so that every later one has someone to bootstrap from.
      int size = started == 0 ? 1 : Math.min(batch, s.nodes() - started);
      List<CompletableFuture<Void>> starting = new ArrayList<>();
      for (int j = 0; j < size; j++) {
        DhtNode node = DhtNode.create(config(s, boot, random.nextLong()), driver.network());
        nodes.add(node);
        starting.add(node.start());
      }
      for (CompletableFuture<Void> f : starting) {
        driver.await(f);
      }
      started += size;
    }
  }

  /** Every second of the churn period, closes some live nodes and starts as many new ones. */
  private static void churn(Scenario s, SimDriver driver, List<DhtNode> live, List<DhtNode> all,
      Random random) throws Exception {
    double perSecond = s.nodes() * s.churnPerMinute() / 60.0;
    double owed = 0;
    for (long t = 0; t < s.churnDuration().toSeconds(); t++) {
      driver.pass(Duration.ofSeconds(1));
      owed += perSecond;
      int n = (int) owed;
      owed -= n;
      for (int i = 0; i < n && live.size() > 1; i++) {
        live.remove(random.nextInt(live.size())).close();
      }
      List<CompletableFuture<Void>> starting = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        List<InetSocketAddress> boot = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
          boot.add(live.get(random.nextInt(live.size())).localAddress());
        }
        DhtNode node = DhtNode.create(config(s, boot, random.nextLong()), driver.network());
        live.add(node);
        all.add(node);
        starting.add(node.start());
      }
      for (CompletableFuture<Void> f : starting) {
        driver.await(f);
      }
    }
  }

  /** The node configuration scenarios use: rate limits off, storage sized for a busy node. */
  public static DhtConfig config(Scenario s, List<InetSocketAddress> boot, long seed) {
    return DhtConfig.builder()
        .bootstrap(boot)
        .k(s.k())
        .randomSeed(seed == 0 ? 1 : seed)
        .replicationInterval(s.replicationInterval())
        .rateLimit(0, 0)
        .storage(new StorageLimits(100_000, 64L << 20, 100_000, 8_192, 1_000_000, 1_000_000,
            Duration.ofHours(2), Duration.ofHours(2), Duration.ofMinutes(30)))
        .build();
  }

  private static int timedLookups(Scenario s, SimDriver driver, List<DhtNode> nodes,
      List<MutableItem> items, Random random, double[] latenciesMs) throws Exception {
    if (items.isEmpty()) {
      return 0;
    }
    int found = 0;
    for (int i = 0; i < s.lookups(); i += s.lookupConcurrency()) {
      List<CompletableFuture<Optional<MutableItem>>> batch = new ArrayList<>();
      List<long[]> times = new ArrayList<>();
      for (int j = i; j < Math.min(s.lookups(), i + s.lookupConcurrency()); j++) {
        MutableItem item = items.get(j % items.size());
        long[] t = {driver.nanoTime(), 0};
        CompletableFuture<Optional<MutableItem>> f =
            nodes.get(random.nextInt(nodes.size())).get(item.publicKey(), item.salt());
        times.add(t);
        batch.add(f.whenComplete((v, e) -> t[1] = driver.nanoTime()));
      }
      for (int j = 0; j < batch.size(); j++) {
        Optional<MutableItem> got = driver.await(batch.get(j));
        long[] t = times.get(j);
        latenciesMs[i + j] = (t[1] - t[0]) / 1e6;
        if (got.isPresent()) {
          found++;
        }
      }
    }
    return found;
  }

  private static Optional<MutableItem> get(SimDriver driver, DhtNode node, MutableItem item)
      throws Exception {
    return driver.await(node.get(item.publicKey(), item.salt()));
  }

  private static byte[] seed(Random random) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return b;
  }

  private static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  /** Command-line entry: prints one report line. */
  public static void main(String[] args) throws Exception {
    String transport = args.length > 0 ? args[0] : "udp";
    int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int lookups = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int items = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    int workers = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    double churn = args.length > 5 ? Double.parseDouble(args[5]) : 0;
    Scenario s = Scenario.of(nodes).withItems(items).withLookups(lookups, 1)
        .withChurn(churn, churn > 0 ? Duration.ofMinutes(5) : Duration.ZERO);
    ScenarioReport report = switch (transport) {
      case "udp" -> udp(s, workers);
      case "sim-zero" -> simulated(s, LatencyModel.zero(), transport, 0);
      case "sim-lan" -> simulated(s, LatencyModel.lan(), transport, 0);
      case "sim-wan" -> simulated(s.withLookups(lookups, 16), LatencyModel.wan(), transport, 0.01);
      default -> throw new IllegalArgumentException("transport: udp|sim-zero|sim-lan|sim-wan");
    };
    System.out.println(report.summary());
  }
}
