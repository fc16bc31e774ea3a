package network.shaga.dht.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The third-party mainline DHT implementations the interop tests run, how to start their harnesses,
 * and whether they are installed on this machine.
 */
public enum ThirdPartyImplementation {

  /** npm {@code bittorrent-dht} 11.0.12 (webtorrent), under Node.js. */
  BITTORRENT_DHT(
      "bittorrent-dht",
      "run `npm ci` in dht/src/test/interop (or dht/src/test/interop/setup.sh as root); needs node"
          + " >= 18 on PATH"),

  /** libtorrent-rasterbar 2.0.8 through Debian's {@code python3-libtorrent}. */
  LIBTORRENT(
      "libtorrent",
      "run `apt-get install -y python3-libtorrent python3-cryptography` (or"
          + " dht/src/test/interop/setup.sh)");

  /**
   * When set (system property {@code shaga.interop.required=true} or environment {@code
   * SHAGA_INTEROP_REQUIRED=true}), a missing implementation fails the test instead of skipping it,
   * so CI cannot pass without running the interop tests.
   */
  public static final String REQUIRED_PROPERTY = "shaga.interop.required";

  private static final String REQUIRED_ENV = "SHAGA_INTEROP_REQUIRED";
  private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");
  private static final long PROBE_TIMEOUT_S = 20;
  private static final Map<ThirdPartyImplementation, Optional<String>> MISSING =
      new ConcurrentHashMap<>();

  private final String id;
  private final String installHint;

  ThirdPartyImplementation(String id, String installHint) {
    this.id = id;
    this.installHint = installHint;
  }

  /** Name used in harness output and log files. */
  public String id() {
    return id;
  }

  /** Directory holding the harness scripts ({@code dht/src/test/interop}). */
  public static Path interopDirectory() {
    String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
    String userDir = System.getProperty("user.dir");
    return Stream.of(
            Path.of(basedir, "src/test/interop"),
            Path.of(userDir, "src/test/interop"),
            Path.of(userDir, "dht/src/test/interop"))
        .filter(dir -> Files.isRegularFile(dir.resolve("btdht-node.mjs")))
        .findFirst()
        .map(Path::toAbsolutePath)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "dht/src/test/interop not found from basedir "
                        + basedir
                        + " or user.dir "
                        + userDir));
  }

  /**
   * Returns the harness directory if this implementation can run here; otherwise skips the calling
   * test with a message saying what to install (or fails it when interop is required).
   */
  Path requireInstalled() {
    Path dir = interopDirectory();
    Optional<String> missing = MISSING.computeIfAbsent(this, impl -> impl.probe(dir));
    if (missing.isPresent()) {
      String message = id + " is not available (" + missing.get() + "): " + installHint;
      if (Boolean.getBoolean(REQUIRED_PROPERTY)
          || Boolean.parseBoolean(System.getenv(REQUIRED_ENV))) {
        throw new IllegalStateException(message);
      }
      Assumptions.abort(message);
    }
    return dir;
  }

  List<String> command(Path dir) {
    return switch (this) {
      case BITTORRENT_DHT -> List.of("node", dir.resolve("btdht-node.mjs").toString());
      case LIBTORRENT ->
          List.of(SYSTEM_PYTHON.toString(), dir.resolve("libtorrent-node.py").toString());
    };
  }

  /** Why this implementation cannot run, or empty when it can. */
  private Optional<String> probe(Path dir) {
    return switch (this) {
      case BITTORRENT_DHT -> {
        if (!Files.isRegularFile(dir.resolve("node_modules/bittorrent-dht/package.json"))) {
          yield Optional.of("node_modules/bittorrent-dht missing");
        }
        yield runs(List.of("node", "--version"))
            ? Optional.empty()
            : Optional.of("node not runnable");
      }
      case LIBTORRENT -> {
        if (!Files.isExecutable(SYSTEM_PYTHON)) {
          yield Optional.of(SYSTEM_PYTHON + " missing");
        }
        yield runs(List.of(SYSTEM_PYTHON.toString(), "-c", "import libtorrent, cryptography"))
            ? Optional.empty()
            : Optional.of("python modules libtorrent/cryptography missing");
      }
    };
  }

  private static boolean runs(List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(PROBE_TIMEOUT_S, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
