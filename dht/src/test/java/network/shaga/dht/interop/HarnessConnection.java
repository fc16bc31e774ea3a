package network.shaga.dht.interop;

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
 * A started harness process and the JSON line protocol of {@code src/test/interop/README.md}:
 * waits for its {@code ready} event, numbers each command, matches replies to requests on a
 * reader thread, and quits it on close. Used by the interop tests ({@link ThirdPartyDht}) and by
 * the side-by-side benchmark, which starts any command line (e.g. inside a network namespace).
 */
public final class HarnessConnection implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(HarnessConnection.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(10);
  private static final int TAIL_LINES = 20;

  private final String name;
  private final Process process;
  private final Path stderrLog;
  private final BufferedWriter stdin;
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
  private final AtomicLong nextId = new AtomicLong();
  private final String version;
  private final List<InetSocketAddress> nodes;

  private HarnessConnection(String name, Process process, Path stderrLog, Duration startTimeout) {
    this.name = name;
    this.process = process;
    this.stderrLog = stderrLog;
    this.stdin = new BufferedWriter(
        new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    Thread reader = new Thread(this::readReplies, name + "-harness-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    JsonNode event = awaitReady(startTimeout);
    this.version = event.path("version").asText();
    List<InetSocketAddress> addresses = new ArrayList<>();
    event.path("nodes").forEach(n -> addresses.add(
        new InetSocketAddress(n.path("host").asText(), n.path("port").asInt())));
    this.nodes = List.copyOf(addresses);
  }

  /**
   * Starts {@code command} in {@code dir} with its stderr appended to {@code stderrLog}, and waits
   * (at most {@code startTimeout}) until it says it is ready.
   */
  public static HarnessConnection start(String name, List<String> command, Path dir,
      Path stderrLog, Duration startTimeout) {
    try {
      Files.createDirectories(stderrLog.toAbsolutePath().getParent());
      Process process = new ProcessBuilder(command)
          .directory(dir.toFile())
          .redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()))
          .start();
      LOG.log(System.Logger.Level.INFO, "started {0} pid {1}, stderr in {2}", name,
          process.pid(), stderrLog);
      return new HarnessConnection(name, process, stderrLog, startTimeout);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
    }
  }

  /** A new command object for {@code op}; {@link #send} adds the request id. */
  public static ObjectNode command(String op) {
    return JSON.createObjectNode().put("op", op);
  }

  public String name() {
    return name;
  }

  /** Version of the library behind the harness, as it reported it when ready. */
  public String version() {
    return version;
  }

  /** The nodes' UDP endpoints, in index order, as the harness reported them when ready. */
  public List<InetSocketAddress> nodes() {
    return nodes;
  }

  /** The harness's process id (its CPU time and memory are read from /proc by it). */
  public long pid() {
    return process.pid();
  }

  /** Sends one command; the future completes with the raw reply (ok or not). */
  public CompletableFuture<JsonNode> send(ObjectNode command) {
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
          new HarnessException(name + " harness is gone: " + e.getMessage() + tail(), e));
    }
    return reply;
  }

  /** Sends one command and waits (bounded) for an ok reply; throws otherwise. */
  public JsonNode call(ObjectNode command, Duration timeout) {
    String op = command.path("op").asText();
    JsonNode reply;
    try {
      reply = send(command).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted waiting for " + name + " " + op, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof HarnessException he
          ? he
          : new HarnessException(name + " " + op + " failed", e.getCause());
    } catch (TimeoutException e) {
      throw new HarnessException(
          name + " sent no reply to " + op + " within " + timeout + tail(), e);
    }
    if (!reply.path("ok").asBoolean()) {
      throw new HarnessException(name + " " + op + " failed: " + reply.path("error").asText());
    }
    return reply;
  }

  /** The last lines the harness wrote to stderr, for error messages. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(stderrLog, StandardCharsets.UTF_8);
      List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
      return last.isEmpty()
          ? " (stderr empty: " + stderrLog + ")"
          : "; stderr (" + stderrLog + "):\n" + String.join("\n", last);
    } catch (IOException e) {
      return " (stderr unreadable: " + stderrLog + ")";
    }
  }

  /** Asks the harness to quit, then kills it and whatever it started. */
  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        send(command("quit")).get(QUIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        process.waitFor(QUIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(System.Logger.Level.WARNING, "{0} harness did not quit cleanly: {1}", name, e);
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

  private JsonNode awaitReady(Duration timeout) {
    try {
      JsonNode event = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!"ready".equals(event.path("event").asText())) {
        throw new HarnessException(
            name + " harness failed to start: " + event.path("error").asText() + tail());
      }
      return event;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new HarnessException("interrupted while starting " + name, e);
    } catch (ExecutionException | TimeoutException | HarnessException e) {
      close();
      throw e instanceof HarnessException he
          ? he
          : new HarnessException(name + " harness did not start within " + timeout + tail(), e);
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
    HarnessException gone = new HarnessException(name + " harness exited" + tail());
    ready.completeExceptionally(gone);
    pending.values().forEach(reply -> reply.completeExceptionally(gone));
    pending.clear();
  }

  private void dispatch(String line) {
    JsonNode message;
    try {
      message = JSON.readTree(line);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "{0} harness wrote a non-JSON line: {1}", name, line);
      return;
    }
    if (message.has("event")) {
      ready.complete(message);
      return;
    }
    CompletableFuture<JsonNode> reply = pending.remove(message.path("id").asLong(-1));
    if (reply == null) {
      LOG.log(System.Logger.Level.WARNING, "{0} harness reply matches no request: {1}", name,
          line);
    } else {
      reply.complete(message);
    }
  }
}
