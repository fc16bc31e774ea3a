package network.shaga.dht.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import network.shaga.dht.bench.BenchResults.NetworkResult;
import network.shaga.dht.bench.BenchResults.OpResult;
import network.shaga.dht.bench.SideBySide.Network;
import network.shaga.dht.bench.SideBySide.Options;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The side-by-side benchmark harness at small scale: 20-node networks of every implementation,
 * a few puts and lookups each, checked for complete results (not for speed). mldht and the mixed
 * network need a network namespace (root); without one they are skipped with the reason, unless
 * interop is required ({@code SHAGA_INTEROP_REQUIRED=true}), where they fail instead.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SideBySideHarnessTest {
  private static final int NODES = 20;
  private static final int ITEMS = 3;
  private static final int LOOKUPS = 6;
  private static final String[] OPS = {"put", "announce", "get", "get_peers"};

  private static Netns netns;
  private static String netnsMissing;

  @TempDir static Path out;

  @BeforeAll
  static void createNamespace() {
    Optional<String> reason = Netns.unavailableReason();
    if (reason.isPresent()) {
      netnsMissing = reason.get();
      return;
    }
    netns = Netns.create("shaga-sbs-test-" + ProcessHandle.current().pid(), NODES);
  }

  @AfterAll
  static void deleteNamespace() throws IOException, InterruptedException {
    if (netns == null) {
      return;
    }
    String name = netns.name();
    netns.close();
    Process list = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
    String names = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    list.waitFor(30, TimeUnit.SECONDS);
    assertThat(names).as("namespace removed").doesNotContain(name);
  }

  @Test
  void shagaNetworkGivesCompleteResults() throws IOException {
    checkComplete(run(Network.SHAGA));
  }

  @Test
  void bittorrentDhtNetworkGivesCompleteResults() throws IOException {
    requireBittorrentDht();
    checkComplete(run(Network.BITTORRENT_DHT));
  }

  @Test
  void mldhtNetworkGivesCompleteResults() throws IOException {
    requireNamespace();
    checkComplete(run(Network.MLDHT));
  }

  @Test
  void mixedNetworkGivesCompleteResults() throws IOException {
    requireNamespace();
    requireBittorrentDht();
    NetworkResult result = run(Network.MIXED);
    checkComplete(result);
    assertThat(result.processes()).isEqualTo(3);
    // Each operation split by the issuing implementation, adding up to the whole.
    assertThat(result.byClient()).hasSize(3 * OPS.length);
    for (OpResult op : result.ops()) {
      assertThat(result.byClient().stream().filter(c -> c.op().startsWith(op.op() + " by "))
          .mapToInt(OpResult::count).sum()).as(op.op()).isEqualTo(op.count());
    }
    assertThat(String.join(" ", result.versions()))
        .contains("shaga").contains("mldht").contains("bittorrent-dht");
  }

  @Test
  void percentilesAreNearestRank() {
    double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(BenchResults.percentile(sorted, 50)).isEqualTo(5);
    assertThat(BenchResults.percentile(sorted, 95)).isEqualTo(10);
    assertThat(BenchResults.percentile(sorted, 99)).isEqualTo(10);
    assertThat(BenchResults.percentile(new double[] {7}, 50)).isEqualTo(7);
    assertThat(BenchResults.percentile(new double[0], 50)).isNaN();
  }

  @Test
  void bencodedStringsRoundTrip() {
    byte[] bytes = "hello".getBytes(StandardCharsets.US_ASCII);
    assertThat(new String(Bencoded.encodeString(bytes), StandardCharsets.US_ASCII))
        .isEqualTo("5:hello");
    assertThat(Bencoded.decodeString(Bencoded.encodeString(bytes))).isEqualTo(bytes);
  }

  private static NetworkResult run(Network network) throws IOException {
    Path dir = out.resolve(network.id);
    Options options = new Options(List.of(NODES), List.of(network), ITEMS, LOOKUPS, 2, 8, 7,
        Duration.ofSeconds(30), 0, dir, netns == null ? null : netns.name(), netns != null, 4);
    List<NetworkResult> results =
        new SideBySide(options, SideBySide.Launch.fromThisJvm(), netns).runAll();
    assertThat(results).hasSize(1);
    String table = SideBySide.Report.table(results, options);
    SideBySide.Report.write(results, options, table);
    assertThat(dir.resolve("results.json")).isNotEmptyFile();
    NetworkResult result = results.get(0);
    assertThat(Files.readAllLines(dir.resolve("results.csv"))).hasSize(1 + (
        result.skipped() == null ? OPS.length + result.byClient().size() : 1));
    assertThat(result.skipped()).as("skip reason").isNull();
    // Every timed operation, one line each (the warm-up's are not timed).
    assertThat(Files.readAllLines(dir.resolve("ops-" + network.id + "-" + NODES + ".csv")))
        .hasSize(1 + 2 * ITEMS + 2 * LOOKUPS);
    assertThat(dir.resolve("side-latency-" + NODES + ".png")).isNotEmptyFile();
    assertThat(table).contains(network.id);
    return result;
  }

  private static void checkComplete(NetworkResult result) {
    assertThat(result.nodes()).isEqualTo(NODES);
    assertThat(result.readyFraction()).isGreaterThan(0);
    assertThat(result.rssMbPerNode()).isPositive();
    assertThat(result.workloadCpuMsPerNode()).isNotNegative();
    List<String> ops = new ArrayList<>();
    for (OpResult op : result.ops()) {
      ops.add(op.op());
      int planned = op.op().startsWith("get") ? LOOKUPS : ITEMS;
      assertThat(op.count()).as(op.op() + " count").isEqualTo(planned);
      assertThat(op.successes()).as(op.op() + " successes").isBetween(0, planned);
      assertThat(op.p50Ms()).as(op.op() + " p50").isPositive();
      assertThat(op.p99Ms()).as(op.op() + " p99").isGreaterThanOrEqualTo(op.p95Ms());
      assertThat(op.p95Ms()).as(op.op() + " p95").isGreaterThanOrEqualTo(op.p50Ms());
    }
    assertThat(ops).containsExactly(OPS);
    // A 20-node network that cannot serve what it stored is a broken harness, not a slow node.
    assertThat(result.op("get").orElseThrow().successes()).isPositive();
    assertThat(result.op("get").orElseThrow().meanPackets()).isPositive();
  }

  private static boolean required() {
    return Boolean.getBoolean("shaga.interop.required")
        || Boolean.parseBoolean(System.getenv("SHAGA_INTEROP_REQUIRED"));
  }

  private static void requireNamespace() {
    if (netnsMissing != null) {
      String message = "mldht refuses loopback addresses and needs a network namespace: "
          + netnsMissing;
      // Required runs fail when the project's side is missing (root, the ip command); a kernel or
      // sandbox that refuses namespaces to root is the machine's limit, reported and skipped.
      boolean machineRefuses = ipInstalled() && netnsMissing.startsWith("`ip netns add` failed");
      if (required() && !machineRefuses) {
        throw new IllegalStateException(message);
      }
      Assumptions.abort(message);
    }
  }

  private static boolean ipInstalled() {
    for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/bin", "/bin"}) {
      if (Files.isExecutable(Path.of(dir, "ip"))) {
        return true;
      }
    }
    return false;
  }

  private static void requireBittorrentDht() {
    Path dir = SideBySide.interopDirectory();
    if (!Files.isRegularFile(dir.resolve("node_modules/bittorrent-dht/package.json"))) {
      String message = "bittorrent-dht missing: run `npm ci` in " + dir;
      if (required()) {
        throw new IllegalStateException(message);
      }
      Assumptions.abort(message);
    }
  }
}
