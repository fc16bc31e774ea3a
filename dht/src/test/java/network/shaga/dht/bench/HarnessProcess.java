package network.shaga.dht.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import network.shaga.dht.interop.HarnessConnection;

/**
 * One harness process of the benchmark (Shaga or mldht through {@link BenchHarnessMain},
 * bittorrent-dht through {@code btdht-node.mjs}) over the interop tests' line protocol client,
 * possibly started inside a network namespace, with the process's CPU time and resident memory
 * read from {@code /proc}.
 */
final class HarnessProcess implements AutoCloseable {
  /** Linux USER_HZ: /proc/PID/stat counts CPU time in these ticks on every mainstream kernel. */
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private final HarnessConnection harness;

  private HarnessProcess(HarnessConnection harness) {
    this.harness = harness;
  }

  /** Starts {@code command} in {@code dir}, its stderr appended to {@code stderrLog}. */
  static HarnessProcess start(String name, List<String> command, Path dir, Path stderrLog,
      Duration startTimeout) {
    return new HarnessProcess(
        HarnessConnection.start(name, command, dir, stderrLog, startTimeout));
  }

  String name() {
    return harness.name();
  }

  String version() {
    return harness.version();
  }

  /** The nodes' UDP endpoints, as the harness reported them when ready. */
  List<InetSocketAddress> nodes() {
    return harness.nodes();
  }

  /** Sends one command; the future completes with the raw reply (ok or not). */
  CompletableFuture<JsonNode> send(ObjectNode command) {
    return harness.send(command);
  }

  /** Sends one command and waits for an ok reply; throws otherwise. */
  JsonNode call(ObjectNode command, Duration timeout) {
    return harness.call(command, timeout);
  }

  /** CPU time (user + system) the process has used so far, in milliseconds. */
  long cpuMillis() {
    try {
      String stat = Files.readString(proc("stat"));
      // Fields after the command name, which may contain spaces, start after the last ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CPU time of " + name(), e);
    }
  }

  /** Resident set size of the process, in bytes. */
  long rssBytes() {
    try {
      for (String line : Files.readAllLines(proc("status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      throw new IllegalStateException("no VmRSS for " + name());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read memory of " + name(), e);
    }
  }

  private Path proc(String file) {
    return Path.of("/proc", Long.toString(harness.pid()), file);
  }

  @Override
  public void close() {
    harness.close();
  }
}
