package network.shaga.dht.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.dht.bench.BenchResults.NetworkResult;
import network.shaga.dht.bench.BenchResults.OpResult;

/**
 * Side-by-side benchmark of real DHT processes: networks of Shaga nodes, of mldht nodes, of npm
 * bittorrent-dht nodes and a mixed one, each of the same sizes and driven with the same workload
 * (same items put, same targets looked up, same random choice of issuing nodes), one network at
 * a time on the same machine. Every operation is issued by a node of the network through its own
 * library, the way a user of that library would; latency and packets are measured inside the
 * harness around that call.
 *
 * <p>Run it with {@code app/bench/side-by-side.sh}; {@code --help} lists the options.
 */
public final class SideBySide {
  private static final System.Logger LOG = System.getLogger(SideBySide.class.getName());
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final HexFormat HEX = HexFormat.of();
  /** The port every node binds in a namespace (each has its own address). */
  private static final int NETNS_PORT = 6881;
  private static final int VALUE_BYTES = 64;
  private static final int K = 8;
  private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration SETTLE = Duration.ofSeconds(2);
  /**
   * Same flags for both JVM harnesses, so Shaga and mldht are measured on equal terms. The heap
   * starts at 16 MB and grows as the nodes need it: the JVM's default start, 1/64 of the machine's
   * memory, sizes a young generation that a process touches in full whatever its nodes hold, and
   * a larger one makes each young collection (a pause for every node of the process) longer.
   */
  private static final List<String> JVM_FLAGS = List.of("-Xms16m", "-Xmx1g", "-XX:+UseSerialGC");

  /** The networks a run can compare. */
  enum Network {
    SHAGA("shaga"), MLDHT("mldht"), BITTORRENT_DHT("bittorrent-dht"), MIXED("mixed");

    final String id;

    Network(String id) {
      this.id = id;
    }

    boolean needsNamespace() {
      return this == MLDHT || this == MIXED;
    }

    static Network of(String id) {
      return Arrays.stream(values()).filter(n -> n.id.equals(id)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown network " + id));
    }
  }

  /**
   * What to run.
   *
   * @param sizes network sizes
   * @param networks which networks, in this order
   * @param items mutable items put and infohashes announced per network
   * @param lookups gets and get_peers lookups each per network
   * @param concurrency operations in flight at once
   * @param seedNodes earlier nodes each node bootstraps from
   * @param seed seed of every random choice of the workload
   * @param opTimeout how long one operation may take before it counts as failed (with that time)
   * @param nodesPerProcess most nodes one harness process of a single-implementation network
   *     hosts (0: all in one process); mixed networks always use one process per implementation
   * @param out directory for results.json, results.csv, results.txt, plots and harness logs
   * @param netns name of a namespace to create (or use, when {@code netnsExists}); null runs on
   *     127.0.0.1 without mldht
   * @param netnsExists whether {@code netns} was created by the caller and must be left alone
   */
  record Options(List<Integer> sizes, List<Network> networks, int items, int lookups,
      int concurrency, int seedNodes, long seed, Duration opTimeout, int nodesPerProcess,
      Path out, String netns, boolean netnsExists, int warmup) {

    static Options parse(String[] args) {
      List<Integer> sizes = List.of(50, 200, 1000);
      List<Network> networks = List.of(Network.values());
      int items = 50;
      int lookups = 200;
      int concurrency = 4;
      int seedNodes = K;
      long seed = 42;
      Duration opTimeout = Duration.ofSeconds(30);
      int nodesPerProcess = 0;
      int warmup = 0;
      Path out = Path.of("target/side-by-side");
      String netns = "shaga-sbs-" + ProcessHandle.current().pid();
      boolean exists = false;
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if ("--no-netns".equals(flag)) {
          netns = null;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value after " + flag);
        }
        String value = args[++i];
        switch (flag) {
          case "--sizes" -> sizes = Arrays.stream(value.split(",")).map(Integer::valueOf).toList();
          case "--networks" -> networks = Arrays.stream(value.split(",")).map(Network::of).toList();
          case "--items" -> items = Integer.parseInt(value);
          case "--lookups" -> lookups = Integer.parseInt(value);
          case "--concurrency" -> concurrency = Integer.parseInt(value);
          case "--seed-nodes" -> seedNodes = Integer.parseInt(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--timeout-s" -> opTimeout = Duration.ofSeconds(Long.parseLong(value));
          case "--nodes-per-process" -> nodesPerProcess = Integer.parseInt(value);
          case "--warmup" -> warmup = Integer.parseInt(value);
          case "--out" -> out = Path.of(value);
          case "--netns" -> netns = value;
          case "--netns-existing" -> {
            netns = value;
            exists = true;
          }
          default -> throw new IllegalArgumentException("unknown option " + flag);
        }
      }
      return new Options(sizes, networks, items, lookups, concurrency, seedNodes, seed,
          opTimeout, nodesPerProcess, out, netns, exists, warmup);
    }
  }

  /** Where the harnesses live and how to start the Java ones. */
  record Launch(Path interopDir, String classpath, String javaBin) {
    static Launch fromThisJvm() {
      String classpath = Optional.ofNullable(System.getProperty("surefire.test.class.path"))
          .orElse(System.getProperty("java.class.path"));
      String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      // The harnesses run in the interop directory: relative entries must not stay relative.
      String absolute = Arrays.stream(classpath.split(java.io.File.pathSeparator))
          .filter(entry -> !entry.isBlank())
          .map(entry -> Path.of(entry).toAbsolutePath().toString())
          .collect(Collectors.joining(java.io.File.pathSeparator));
      return new Launch(interopDirectory(), absolute, javaBin);
    }
  }

  private final Options options;
  private final Launch launch;
  private final Netns netns;

  SideBySide(Options options, Launch launch, Netns netns) {
    this.options = options;
    this.launch = launch;
    this.netns = netns;
  }

  /** Runs the benchmark with the given arguments, prints the table and writes the results. */
  public static void main(String[] args) throws IOException {
    if (Arrays.asList(args).contains("--help")) {
      System.out.println("SideBySide [--sizes 50,200,1000] [--networks shaga,mldht,"
          + "bittorrent-dht,mixed] [--items N] [--lookups N] [--warmup N] [--concurrency N] [--seed-nodes N]"
          + " [--seed N] [--timeout-s N] [--nodes-per-process N] [--out DIR]"
          + " [--netns NAME | --netns-existing NAME | --no-netns]\n"
          + "SideBySide --plot-from A/results.json,B/results.json OUT_DIR");
      return;
    }
    int plotFrom = Arrays.asList(args).indexOf("--plot-from");
    if (plotFrom >= 0 && plotFrom + 2 < args.length) {
      replot(args[plotFrom + 1], Path.of(args[plotFrom + 2]));
      return;
    }
    Options options = Options.parse(args);
    int biggest = options.sizes().stream().mapToInt(Integer::intValue).max().orElse(0);
    List<NetworkResult> results;
    // Results so far are written after every network, so a long run that is stopped keeps them.
    java.util.function.Consumer<List<NetworkResult>> partial = sofar -> {
      try {
        Report.write(sofar, options, Report.table(sofar, options));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    if (options.netns() == null) {
      results = new SideBySide(options, Launch.fromThisJvm(), null).runAll(partial);
    } else if (options.netnsExists()) {
      results = new SideBySide(options, Launch.fromThisJvm(),
          Netns.existing(options.netns(), biggest)).runAll(partial);
    } else {
      try (Netns ns = Netns.create(options.netns(), biggest)) {
        results = new SideBySide(options, Launch.fromThisJvm(), ns).runAll(partial);
      }
    }
    String table = Report.table(results, options);
    System.out.print(table);
    Report.write(results, options, table);
    System.out.println("results in " + options.out().toAbsolutePath());
  }

  /**
   * Draws the plots of results written by earlier runs ({@code a/results.json,b/results.json},
   * e.g. one network measured again separately) into {@code out}.
   */
  private static void replot(String files, Path out) throws IOException {
    ObjectMapper reader = new ObjectMapper()
        .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    List<NetworkResult> all = new ArrayList<>();
    for (String file : files.split(",")) {
      JsonNode results = reader.readTree(Path.of(file).toFile()).path("results");
      for (JsonNode r : results) {
        NetworkResult result = reader.treeToValue(r, NetworkResult.class);
        if (result.skipped() == null) {
          all.add(result);
        }
      }
    }
    Files.createDirectories(out);
    Plots.latency(all, out);
  }

  /** Every network of every size, in order; a network that cannot run here is reported skipped. */
  List<NetworkResult> runAll() {
    return runAll(sofar -> {});
  }

  /** Like {@link #runAll()}, handing the results so far to {@code afterEach} after each one. */
  List<NetworkResult> runAll(java.util.function.Consumer<List<NetworkResult>> afterEach) {
    List<NetworkResult> results = new ArrayList<>();
    for (int size : options.sizes()) {
      for (Network network : options.networks()) {
        NetworkResult result;
        if (network.needsNamespace() && netns == null) {
          result = NetworkResult.skipped(network.id, size,
              "mldht refuses loopback addresses: needs a network namespace (root)");
        } else {
          LOG.log(System.Logger.Level.INFO, "running {0} with {1} nodes", network.id, size);
          try {
            result = runNetwork(network, size);
          } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "network " + network.id + " failed", e);
            result = NetworkResult.skipped(network.id, size, "failed: " + e.getMessage());
          }
        }
        System.err.println(Report.oneLine(result));
        results.add(result);
        afterEach.accept(List.copyOf(results));
      }
    }
    return results;
  }

  /** Starts one network, fills its tables, runs the workload, measures, stops it. */
  NetworkResult runNetwork(Network network, int size) {
    List<HarnessProcess> harnesses = new ArrayList<>();
    try {
      long t0 = System.nanoTime();
      startHarnesses(network, size, harnesses);
      double startSeconds = seconds(System.nanoTime() - t0);
      long t1 = System.nanoTime();
      double readyFraction = awaitTables(harnesses, size);
      sleep(SETTLE);
      double readySeconds = seconds(System.nanoTime() - t1);
      long startupCpu = cpu(harnesses);
      long t2 = System.nanoTime();
      Workload.Result workload = new Workload(options, harnesses).run();
      writeSamples(network.id, size, workload.samples());
      double workloadSeconds = seconds(System.nanoTime() - t2);
      long workloadCpu = cpu(harnesses) - startupCpu;
      List<Double> rss = harnesses.stream().map(h -> h.rssBytes() / 1e6).toList();
      double rssTotal = rss.stream().mapToDouble(Double::doubleValue).sum();
      List<String> versions = harnesses.stream().map(h -> h.name() + " " + h.version())
          .distinct().toList();
      return new NetworkResult(network.id, size, versions, harnesses.size(), startSeconds,
          readySeconds, readyFraction, (double) startupCpu / size, workloadSeconds,
          (double) workloadCpu / size, rssTotal / size, rss, workload.ops(),
          workload.byClient(), null);
    } finally {
      harnesses.forEach(HarnessProcess::close);
    }
  }

  /** Every timed operation of one network, for a look at its tail: {@code ops-<network>-<size>.csv}. */
  private void writeSamples(String network, int size, List<String> samples) {
    try {
      Files.createDirectories(options.out());
      Files.writeString(options.out().resolve("ops-" + network + "-" + size + ".csv"),
          "op,client,ms,ok,packets,issued_ms\n" + String.join("\n", samples) + "\n");
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot write the samples of " + network, e);
    }
  }

  private void startHarnesses(Network network, int size, List<HarnessProcess> harnesses) {
    List<InetAddress> hosts = hosts(size);
    switch (network) {
      case SHAGA, MLDHT, BITTORRENT_DHT -> {
        // One process, or chunks of --nodes-per-process nodes, each later chunk bootstrapping
        // from nodes of the earlier ones.
        int chunk = options.nodesPerProcess() > 0 ? options.nodesPerProcess() : size;
        SplittableRandom random = new SplittableRandom(options.seed());
        for (int from = 0; from < size; from += chunk) {
          List<InetAddress> part = hosts.subList(from, Math.min(size, from + chunk));
          List<InetSocketAddress> seeds =
              Seeds.pick(allNodes(harnesses), options.seedNodes(), random);
          harnesses.add(network == Network.BITTORRENT_DHT ? startNode(part, seeds)
              : startJava(network.id, part, seeds));
        }
      }
      case MIXED -> {
        int third = size / 3;
        SplittableRandom random = new SplittableRandom(options.seed());
        harnesses.add(startJava("shaga", hosts.subList(0, third), List.of()));
        harnesses.add(startJava("mldht", hosts.subList(third, 2 * third),
            Seeds.pick(allNodes(harnesses), options.seedNodes(), random)));
        harnesses.add(startNode(hosts.subList(2 * third, size),
            Seeds.pick(allNodes(harnesses), options.seedNodes(), random)));
      }
    }
  }

  private List<InetAddress> hosts(int size) {
    if (netns == null) {
      return java.util.Collections.nCopies(size, InetAddress.getLoopbackAddress());
    }
    return netns.addresses().subList(0, size);
  }

  private HarnessProcess startJava(String impl, List<InetAddress> hosts,
      List<InetSocketAddress> bootstrap) {
    List<String> command = new ArrayList<>(prefix());
    command.add(launch.javaBin());
    // Extra flags for both JVM harnesses, e.g. -Xlog:gc to see whether a tail is a pause; a
    // collector named there replaces the default one.
    String extra = System.getenv().getOrDefault("SIDE_BY_SIDE_JAVA_OPTS", "").strip();
    List<String> extras = extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    boolean collector = extras.stream().anyMatch(f -> f.matches("-XX:\\+Use\\w+GC"));
    JVM_FLAGS.stream().filter(f -> !(collector && f.matches("-XX:\\+Use\\w+GC")))
        .forEach(command::add);
    command.addAll(extras);
    command.addAll(List.of("-cp", launch.classpath(), BenchHarnessMain.class.getName(),
        "--impl", impl, "--hosts", join(hosts), "--port", Integer.toString(port()),
        "--seed-nodes", Integer.toString(options.seedNodes()),
        "--random-seed", Long.toString(options.seed())));
    if (!bootstrap.isEmpty()) {
      command.addAll(List.of("--bootstrap", endpoints(bootstrap)));
    }
    return HarnessProcess.start(impl, command, launch.interopDir(), log(impl),
        startTimeout(hosts.size()));
  }

  private HarnessProcess startNode(List<InetAddress> hosts, List<InetSocketAddress> bootstrap) {
    List<String> command = new ArrayList<>(prefix());
    command.addAll(List.of("node", launch.interopDir().resolve("btdht-node.mjs").toString(),
        "--nodes", Integer.toString(hosts.size()), "--hosts", join(hosts),
        "--seed-nodes", Integer.toString(options.seedNodes())));
    if (port() != 0) {
      command.addAll(List.of("--ports",
          String.join(",", java.util.Collections.nCopies(hosts.size(),
              Integer.toString(port())))));
    }
    if (!bootstrap.isEmpty()) {
      command.addAll(List.of("--bootstrap", endpoints(bootstrap)));
    }
    return HarnessProcess.start("bittorrent-dht", command, launch.interopDir(),
        log("bittorrent-dht"), startTimeout(hosts.size()));
  }

  private List<String> prefix() {
    return netns == null ? List.of() : netns.execPrefix();
  }

  private int port() {
    return netns == null ? 0 : NETNS_PORT;
  }

  private Path log(String impl) {
    return options.out().resolve("logs")
        .resolve(impl + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".log")
        .toAbsolutePath();
  }

  /** Generous: on two loaded cores, 200 mldht nodes next to 800 running ones took minutes. */
  private static Duration startTimeout(int nodes) {
    return Duration.ofSeconds(60 + nodes);
  }

  /** Polls routing-table sizes until every node has min(K, size - 1) contacts or time is up. */
  private static double awaitTables(List<HarnessProcess> harnesses, int size) {
    int wanted = Math.min(K, size - 1);
    long deadline = System.nanoTime() + Duration.ofSeconds(30 + size / 20).toNanos();
    while (true) {
      int filled = 0;
      for (HarnessProcess h : harnesses) {
        JsonNode sizes = h.call(command("table_size"), CONTROL_TIMEOUT).path("sizes");
        for (JsonNode s : sizes) {
          if (s.asInt() >= wanted) {
            filled++;
          }
        }
      }
      if (filled == size || System.nanoTime() > deadline) {
        return (double) filled / size;
      }
      sleep(POLL);
    }
  }

  private static long cpu(List<HarnessProcess> harnesses) {
    return harnesses.stream().mapToLong(HarnessProcess::cpuMillis).sum();
  }

  private static List<InetSocketAddress> allNodes(List<HarnessProcess> harnesses) {
    return harnesses.stream().flatMap(h -> h.nodes().stream()).toList();
  }

  static ObjectNode command(String op) {
    return JSON.createObjectNode().put("op", op);
  }

  private static String join(List<InetAddress> hosts) {
    return hosts.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(","));
  }

  private static String endpoints(List<InetSocketAddress> nodes) {
    return nodes.stream().map(a -> a.getAddress().getHostAddress() + ":" + a.getPort())
        .collect(Collectors.joining(","));
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** {@code dht/src/test/interop}, from the module or the repository root. */
  static Path interopDirectory() {
    String userDir = System.getProperty("user.dir");
    return java.util.stream.Stream.of(
            Path.of(System.getProperty("basedir", userDir), "src/test/interop"),
            Path.of(userDir, "src/test/interop"),
            Path.of(userDir, "dht/src/test/interop"))
        .filter(dir -> Files.isRegularFile(dir.resolve("btdht-node.mjs")))
        .findFirst()
        .map(Path::toAbsolutePath)
        .orElseThrow(() -> new IllegalStateException("dht/src/test/interop not found from "
            + userDir));
  }

  /**
   * The workload: with a warm-up, {@code items} untimed puts and announces of items of its own and
   * {@code warmup} untimed gets and get_peers of them; then {@code items} timed mutable puts and
   * announces and {@code lookups} timed gets and get_peers each, issued by nodes drawn with the
   * run's seed, so every network gets the same keys, values, targets and the same sequence of
   * issuing-node indices.
   */
  static final class Workload {
    private final Options options;
    private final List<HarnessProcess> harnesses;
    private final int size;

    Workload(Options options, List<HarnessProcess> harnesses) {
      this.options = options;
      this.harnesses = harnesses;
      this.size = harnesses.stream().mapToInt(h -> h.nodes().size()).sum();
    }

    /**
     * Results per operation, and for networks of several implementations per issuing one;
     * {@code samples} holds every timed operation as a CSV line (op, client, ms, ok, packets, and
     * the wall-clock time it was issued, to match a slow one with a collector's or a system's log).
     */
    record Result(List<OpResult> ops, List<OpResult> byClient, List<String> samples) {}

    /** Item numbers of the warm-up's own items, far from the timed ones. */
    private static final int WARM_ITEMS = 1_000_000;

    Result run() {
      SplittableRandom random = new SplittableRandom(options.seed() * 31 + size);
      Map<String, List<Planned>> timedPlan = plan(random, 0, options.items(), options.lookups());
      List<OpResult> results = new ArrayList<>();
      List<OpResult> byClient = new ArrayList<>();
      List<String> samples = new ArrayList<>();
      List<String> implementations = harnesses.stream().map(HarnessProcess::name).distinct()
          .toList();
      if (options.warmup() > 0) {
        // Untimed puts, announces and lookups of items of their own first, the same for every
        // implementation: what is timed is a running node, not its runtime's first minutes (the
        // JVM compiles a method after thousands of calls).
        plan(new SplittableRandom(options.seed() * 37 + size), WARM_ITEMS, options.items(),
            options.warmup()).forEach((op, planned) -> execute("warm-up " + op, planned));
      }
      timedPlan.forEach((op, planned) -> {
        List<Outcome> outcomes = execute(op, planned);
        results.add(summarize(op, outcomes));
        outcomes.forEach(o -> samples.add(String.format(Locale.ROOT, "%s,%s,%.3f,%b,%d,%d", op,
            o.client(), o.ms(), o.ok(), o.packets(), o.issuedMillis())));
        if (implementations.size() > 1) {
          for (String name : implementations) {
            byClient.add(summarize(op + " by " + name,
                outcomes.stream().filter(o -> o.client().equals(name)).toList()));
          }
        }
      });
      return new Result(results, byClient, samples);
    }

    /**
     * The operations of one pass, by kind, in the order they run: {@code items} mutable puts and
     * announces of items {@code first}, {@code first + 1}, ... from random nodes, then
     * {@code lookups} gets and get_peers of them, each issued by a node other than the item's
     * writer.
     */
    private Map<String, List<Planned>> plan(SplittableRandom random, int first, int items, int lookups) {
      int[] putters = new int[items];
      int[] announcers = new int[items];
      List<Planned> puts = new ArrayList<>();
      List<Planned> announces = new ArrayList<>();
      for (int j = 0; j < items; j++) {
        int i = first + j;
        putters[j] = random.nextInt(size);
        announcers[j] = random.nextInt(size);
        puts.add(new Planned(putters[j], command("put_mutable")
            .put("seed", HEX.formatHex(itemSeed(i)))
            .put("salt_hex", HEX.formatHex(salt(i)))
            .put("seq", 1)
            .put("v_hex", HEX.formatHex(value(i))),
            reply -> reply.path("stored").asInt() > 0));
        announces.add(new Planned(announcers[j], command("announce")
            .put("infohash", HEX.formatHex(infohash(i))),
            reply -> reply.path("stored").asInt() > 0));
      }
      List<Planned> gets = new ArrayList<>();
      List<Planned> getPeers = new ArrayList<>();
      for (int k = 0; k < lookups; k++) {
        int j = k % items;
        int i = first + j;
        byte[] publicKey = Ed25519KeyPair.fromSeed(itemSeed(i)).publicKey();
        String expected = HEX.formatHex(value(i));
        gets.add(new Planned(other(random, putters[j]), command("get_mutable")
            .put("pubkey", HEX.formatHex(publicKey))
            .put("salt_hex", HEX.formatHex(salt(i))),
            reply -> reply.path("found").asBoolean()
                && expected.equals(reply.path("v_hex").asText())
                && reply.path("seq").asLong() == 1));
        InetSocketAddress announcer = node(announcers[j]);
        getPeers.add(new Planned(other(random, announcers[j]), command("get_peers")
            .put("infohash", HEX.formatHex(infohash(i))),
            reply -> containsPeer(reply.path("peers"), announcer)));
      }
      Map<String, List<Planned>> phases = new LinkedHashMap<>();
      phases.put("put", puts);
      phases.put("announce", announces);
      phases.put("get", gets);
      phases.put("get_peers", getPeers);
      return phases;
    }

    private static byte[] itemSeed(int i) {
      return digest("SHA-256", "side-by-side item " + i);
    }

    private record Planned(int node, ObjectNode command, Predicate<JsonNode> success) {}

    private record Outcome(String client, double ms, boolean ok, boolean answered, long packets,
        long issuedMillis) {}

    private static OpResult summarize(String op, List<Outcome> done) {
      double[] ms = done.stream().mapToDouble(Outcome::ms).sorted().toArray();
      int ok = (int) done.stream().filter(Outcome::ok).count();
      int unanswered = (int) done.stream().filter(o -> !o.answered()).count();
      double packets = done.stream().filter(Outcome::answered).mapToLong(Outcome::packets)
          .average().orElse(0);
      return new OpResult(op, done.size(), ok, unanswered, BenchResults.percentile(ms, 50),
          BenchResults.percentile(ms, 95), BenchResults.percentile(ms, 99), packets);
    }

    private List<Outcome> execute(String op, List<Planned> planned) {
      Semaphore inFlight = new Semaphore(options.concurrency());
      List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
      for (Planned p : planned) {
        try {
          inFlight.acquire();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
        int[] local = locate(p.node());
        ObjectNode command = p.command().deepCopy().put("node", local[1]);
        String client = harnesses.get(local[0]).name();
        long start = System.nanoTime();
        long issued = System.currentTimeMillis();
        CompletableFuture<Outcome> outcome = harnesses.get(local[0]).send(command)
            .orTimeout(options.opTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .handle((reply, error) -> {
              if (error != null || !reply.path("ok").asBoolean()) {
                LOG.log(System.Logger.Level.WARNING, "{0} by {1} node {2} failed: {3}", op,
                    client, local[1], error != null ? error : reply.path("error").asText());
                return new Outcome(client, (System.nanoTime() - start) / 1e6, false, false, 0,
                    issued);
              }
              boolean ok = p.success().test(reply);
              if (!ok) {
                String text = reply.toString();
                LOG.log(System.Logger.Level.INFO, "{0} by {1} node {2} unsuccessful: {3}", op,
                    client, local[1], text.substring(0, Math.min(300, text.length())));
              }
              return new Outcome(client, reply.path("elapsed_ms").asDouble(), ok, true,
                  reply.path("packets").asLong(), issued);
            });
        outcome.whenComplete((o, e) -> inFlight.release());
        outcomes.add(outcome);
      }
      return outcomes.stream().map(CompletableFuture::join).toList();
    }

    /** A node other than {@code not}, drawn from the run's random sequence. */
    private int other(SplittableRandom random, int not) {
      if (size == 1) {
        return 0;
      }
      int n = random.nextInt(size - 1);
      return n >= not ? n + 1 : n;
    }

    /** Harness index and node index within it of global node {@code node}. */
    private int[] locate(int node) {
      int rest = node;
      for (int h = 0; h < harnesses.size(); h++) {
        int n = harnesses.get(h).nodes().size();
        if (rest < n) {
          return new int[] {h, rest};
        }
        rest -= n;
      }
      throw new IllegalArgumentException("no node " + node);
    }

    private InetSocketAddress node(int node) {
      int[] at = locate(node);
      return harnesses.get(at[0]).nodes().get(at[1]);
    }

    private static boolean containsPeer(JsonNode peers, InetSocketAddress expected) {
      for (JsonNode p : peers) {
        if (p.path("port").asInt() == expected.getPort()
            && p.path("host").asText().equals(expected.getAddress().getHostAddress())) {
          return true;
        }
      }
      return false;
    }

    private static byte[] salt(int i) {
      return ("sbs-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int i) {
      byte[] bytes = Arrays.copyOf(digest("SHA-512", "side-by-side value " + i), VALUE_BYTES);
      return Bencoded.encodeString(bytes);
    }

    private static byte[] infohash(int i) {
      return digest("SHA-1", "side-by-side infohash " + i);
    }

    private static byte[] digest(String algorithm, String text) {
      try {
        return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Text table, JSON, CSV and plots of a run. */
  static final class Report {
    private static List<OpResult> concat(List<OpResult> a, List<OpResult> b) {
      List<OpResult> all = new ArrayList<>(a);
      all.addAll(b);
      return all;
    }

    private static final String[] OPS = {"get", "get_peers", "put", "announce"};

    private Report() {}

    static String oneLine(NetworkResult r) {
      if (r.skipped() != null) {
        return String.format(Locale.ROOT, "%-15s %5d  skipped: %s", r.network(), r.nodes(),
            r.skipped());
      }
      return String.format(Locale.ROOT, "%-15s %5d  ready %.0f%% after %.1f s; %s",
          r.network(), r.nodes(), r.readyFraction() * 100, r.startSeconds() + r.readySeconds(),
          r.ops().stream().map(o -> String.format(Locale.ROOT, "%s p50 %.1f ms ok %.0f%%",
              o.op(), o.p50Ms(), o.successRate() * 100)).collect(Collectors.joining(", ")));
    }

    static String table(List<NetworkResult> results, Options options) {
      StringBuilder b = new StringBuilder();
      b.append(String.format(Locale.ROOT,
          "side-by-side: %d items, %d lookups per kind after %d untimed, %d in flight, seed %d, "
              + "timeout %d s%n",
          options.items(), options.lookups(), options.warmup(), options.concurrency(),
          options.seed(), options.opTimeout().toSeconds()));
      b.append(String.format(Locale.ROOT, "%-15s %5s %-9s %9s %9s %9s %7s %8s %9s %9s %8s%n",
          "network", "nodes", "op", "p50 ms", "p95 ms", "p99 ms", "success", "packets",
          "cpu ms/n", "MB/node", "ready"));
      for (NetworkResult r : results) {
        if (r.skipped() != null) {
          b.append(String.format(Locale.ROOT, "%-15s %5d skipped: %s%n", r.network(), r.nodes(),
              r.skipped()));
          continue;
        }
        for (String op : OPS) {
          Optional<OpResult> o = r.op(op);
          if (o.isEmpty()) {
            continue;
          }
          b.append(String.format(Locale.ROOT,
              "%-15s %5d %-9s %9.1f %9.1f %9.1f %6.1f%% %8.1f %9.1f %9.2f %7.0f%%%n",
              r.network(), r.nodes(), op, o.get().p50Ms(), o.get().p95Ms(), o.get().p99Ms(),
              o.get().successRate() * 100, o.get().meanPackets(), r.workloadCpuMsPerNode(),
              r.rssMbPerNode(), r.readyFraction() * 100));
        }
        for (OpResult o : r.byClient()) {
          b.append(String.format(Locale.ROOT,
              "%-15s %5s   %-22s %9.1f %9.1f %9.1f %6.1f%% %8.1f%n", "", "", o.op(), o.p50Ms(),
              o.p95Ms(), o.p99Ms(), o.successRate() * 100, o.meanPackets()));
        }
      }
      b.append(goal(results));
      return b.toString();
    }

    /**
     * The goal: Shaga's p50 and p99 at most a third of the best other implementation's,
     * with equal or better success and memory.
     */
    static String goal(List<NetworkResult> results) {
      StringBuilder b = new StringBuilder(
          "goal: shaga p50 and p99 <= 1/3 of the best other implementation, success and"
              + " memory no worse\n");
      Map<Integer, List<NetworkResult>> bySize = results.stream()
          .filter(r -> r.skipped() == null)
          .collect(Collectors.groupingBy(NetworkResult::nodes, LinkedHashMap::new,
              Collectors.toList()));
      bySize.forEach((size, rs) -> {
        Optional<NetworkResult> shaga = rs.stream()
            .filter(r -> r.network().equals("shaga")).findFirst();
        List<NetworkResult> others = rs.stream()
            .filter(r -> r.network().equals("mldht") || r.network().equals("bittorrent-dht"))
            .toList();
        if (shaga.isEmpty() || others.isEmpty()) {
          return;
        }
        for (String op : new String[] {"get", "get_peers"}) {
          Optional<OpResult> s = shaga.get().op(op);
          if (s.isEmpty()) {
            continue;
          }
          for (boolean p99 : new boolean[] {false, true}) {
            NetworkResult best = others.stream().min(java.util.Comparator.comparingDouble(
                r -> r.op(op).map(o -> p99 ? o.p99Ms() : o.p50Ms()).orElse(Double.MAX_VALUE)))
                .orElseThrow();
            OpResult bo = best.op(op).orElseThrow();
            double mine = p99 ? s.get().p99Ms() : s.get().p50Ms();
            double theirs = p99 ? bo.p99Ms() : bo.p50Ms();
            double ratio = mine / theirs;
            b.append(String.format(Locale.ROOT,
                "  %5d %-9s %s: shaga %.1f ms vs %s %.1f ms = %.2fx (goal <= 0.33x): %s%n",
                size, op, p99 ? "p99" : "p50", mine, best.network(), theirs, ratio,
                ratio <= 1.0 / 3 ? "met" : String.format(Locale.ROOT,
                    "missed: %.2fx slower than a third", ratio * 3)));
          }
          double bestSuccess = others.stream().mapToDouble(
              r -> r.op(op).map(OpResult::successRate).orElse(0.0)).max().orElse(0);
          b.append(String.format(Locale.ROOT,
              "  %5d %-9s success: shaga %.1f%% vs best other %.1f%%: %s%n", size, op,
              s.get().successRate() * 100, bestSuccess * 100,
              s.get().successRate() >= bestSuccess ? "met" : "missed"));
        }
        double bestMemory = others.stream().mapToDouble(NetworkResult::rssMbPerNode).min()
            .orElse(Double.MAX_VALUE);
        b.append(String.format(Locale.ROOT,
            "  %5d memory: shaga %.2f MB/node vs best other %.2f MB/node: %s%n", size,
            shaga.get().rssMbPerNode(), bestMemory,
            shaga.get().rssMbPerNode() <= bestMemory ? "met" : "missed"));
      });
      return b.toString();
    }

    static void write(List<NetworkResult> results, Options options, String table)
        throws IOException {
      Path out = options.out();
      Files.createDirectories(out);
      ObjectNode root = JSON.createObjectNode();
      root.put("date", Instant.now().toString());
      root.put("cpus", Runtime.getRuntime().availableProcessors());
      root.put("java", System.getProperty("java.version"));
      root.set("options", JSON.valueToTree(Map.of(
          "sizes", options.sizes(), "items", options.items(), "lookups", options.lookups(),
          "concurrency", options.concurrency(), "seedNodes", options.seedNodes(),
          "seed", options.seed(), "opTimeoutSeconds", options.opTimeout().toSeconds(),
          "nodesPerProcess", options.nodesPerProcess(), "warmup", options.warmup(),
          "netns", options.netns() != null)));
      root.set("results", JSON.valueToTree(results));
      JSON.writeValue(out.resolve("results.json").toFile(), root);
      StringBuilder csv = new StringBuilder("network,nodes,op,count,successes,unanswered,success_rate,"
          + "p50_ms,p95_ms,p99_ms,packets_per_op,workload_cpu_ms_per_node,rss_mb_per_node,"
          + "ready_fraction,skipped\n");
      for (NetworkResult r : results) {
        if (r.skipped() != null) {
          csv.append(String.format(Locale.ROOT, "%s,%d,,,,,,,,,,,,,\"%s\"%n", r.network(),
              r.nodes(), r.skipped().replace('"', '\'')));
          continue;
        }
        for (OpResult o : concat(r.ops(), r.byClient())) {
          csv.append(String.format(Locale.ROOT,
              "%s,%d,%s,%d,%d,%d,%.4f,%.3f,%.3f,%.3f,%.2f,%.2f,%.4f,%.4f,%n", r.network(),
              r.nodes(), o.op(), o.count(), o.successes(), o.unanswered(), o.successRate(),
              o.p50Ms(),
              o.p95Ms(), o.p99Ms(), o.meanPackets(), r.workloadCpuMsPerNode(),
              r.rssMbPerNode(), r.readyFraction()));
        }
      }
      Files.writeString(out.resolve("results.csv"), csv);
      Files.writeString(out.resolve("results.txt"), table);
      Plots.latency(results, out);
    }
  }
}
