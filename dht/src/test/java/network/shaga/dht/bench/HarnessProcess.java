package network.shaga.dht.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One harness process (Shaga or mldht through {@link BenchHarnessMain}, bittorrent-dht through
 * {@code btdht-node.mjs}) speaking the JSON line protocol of {@code src/test/interop/README.md},
 * possibly started inside a network namespace. Unlike the interop tests' {@code ThirdPartyDht},
 * it takes any command line (so it can be prefixed with {@code ip netns exec}) and reads the
 * process's CPU time and resident memory from {@code /proc}.
 */
final class HarnessProcess implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(HarnessProcess.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(10);
  /** Linux USER_HZ: /proc/PID/stat counts CPU time in these ticks on every mainstream kernel. */
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private final String name;
  private final Process process;
  private final Path stderrLog;
  private final BufferedWriter stdin;
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
  private final AtomicLong nextId = new AtomicLong();
  private final List<InetSocketAddress> nodes;
  private final String version;

  private HarnessProcess(String name, Process process, Path stderrLog, Duration startTimeout) {
    this.name = name;
    this.process = process;
    this.stderrLog = stderrLog;
    this.stdin = new BufferedWriter(
        new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    Thread reader = new Thread(this::readReplies, name + "-replies-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    JsonNode event;
    try {
      event = ready.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while starting " + name, e);
    } catch (ExecutionException | TimeoutException e) {
      close();
      throw new IllegalStateException(name + " did not start within " + startTimeout + tail(), e);
    }
    if (!"ready".equals(event.path("event").asText())) {
      close();
      throw new IllegalStateException(
          name + " failed to start: " + event.path("error").asText() + tail());
    }
    List<InetSocketAddress> addresses = new ArrayList<>();
    event.path("nodes").forEach(n -> addresses.add(
        new InetSocketAddress(n.path("host").asText(), n.path("port").asInt())));
    this.nodes = List.copyOf(addresses);
    this.version = event.path("version").asText();
  }

  /** Starts {@code command} in {@code dir}, its stderr appended to {@code stderrLog}. */
  static HarnessProcess start(String name, List<String> command, Path dir, Path stderrLog,
      Duration startTimeout) {
    try {
      Files.createDirectories(stderrLog.getParent());
      Process process = new ProcessBuilder(command)
          .directory(dir.toFile())
          .redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()))
          .start();
      LOG.log(System.Logger.Level.INFO, "started {0} pid {1}, stderr in {2}",
          name, process.pid(), stderrLog);
      return new HarnessProcess(name, process, stderrLog, startTimeout);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
    }
  }

  String name() {
    return name;
  }

  String version() {
    return version;
  }

  /** The nodes' UDP endpoints, as the harness reported them when ready. */
  List<InetSocketAddress> nodes() {
    return nodes;
  }

  /** Sends one command; the future completes with the raw reply (ok or not). */
  CompletableFuture<JsonNode> send(ObjectNode command) {
    long id = nextId.incrementAndGet();
    ObjectNode line = command.deepCopy().put("id", id);
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    try {
      synchronized (stdin) {
        stdin.write(JSON.writeValueAsString(line));
        stdin.write('\n');
        stdin.flush();
      }
    } catch (IOException e) {
      pending.remove(id);
      reply.completeExceptionally(
          new IllegalStateException(name + " is gone: " + e.getMessage() + tail(), e));
    }
    return reply;
  }

  /** Sends one command and waits for an ok reply; throws otherwise. */
  JsonNode call(ObjectNode command, Duration timeout) {
    try {
      JsonNode reply = send(command).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!reply.path("ok").asBoolean()) {
        throw new IllegalStateException(name + " " + command.path("op").asText() + " failed: "
            + reply.path("error").asText());
      }
      return reply;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + name, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(name + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(name + " sent no reply to " + command.path("op").asText()
          + " within " + timeout + tail(), e);
    }
  }

  /** CPU time (user + system) the process has used so far, in milliseconds. */
  long cpuMillis() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      // Fields after the command name, which may contain spaces, start after the last ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CPU time of " + name, e);
    }
  }

  /** Resident set size of the process, in bytes. */
  long rssBytes() {
    try {
      for (String line : Files.readAllLines(
          Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      throw new IllegalStateException("no VmRSS for " + name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read memory of " + name, e);
    }
  }

  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        send(JSON.createObjectNode().put("op", "quit"))
            .get(QUIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        process.waitFor(QUIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(System.Logger.Level.WARNING, "{0} did not quit cleanly: {1}", name, e);
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(QUIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try {
        stdin.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "closing harness stdin", e);
      }
    }
  }

  private void readReplies() {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        dispatch(line);
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "harness stdout closed", e);
    }
    IllegalStateException gone = new IllegalStateException(name + " exited" + tail());
    ready.completeExceptionally(gone);
    pending.values().forEach(reply -> reply.completeExceptionally(gone));
    pending.clear();
  }

  private void dispatch(String line) {
    JsonNode message;
    try {
      message = JSON.readTree(line);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "{0} wrote a non-JSON line: {1}", name, line);
      return;
    }
    if (message.has("event")) {
      ready.complete(message);
      return;
    }
    CompletableFuture<JsonNode> reply = pending.remove(message.path("id").asLong(-1));
    if (reply != null) {
      reply.complete(message);
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(stderrLog, StandardCharsets.UTF_8);
      return "; stderr (" + stderrLog + "):\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return " (stderr unreadable: " + stderrLog + ")";
    }
  }
}
