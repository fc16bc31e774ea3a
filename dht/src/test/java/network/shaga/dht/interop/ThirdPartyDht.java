package network.shaga.dht.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A third-party mainline DHT implementation run as a harness subprocess on 127.0.0.1 and driven
 * over the JSON line protocol described in {@code src/test/interop/README.md}.
 */
public final class ThirdPartyDht implements AutoCloseable {

  /**
   * Result of a BEP 44 mutable put: where it went, the seq actually used, and how many nodes acked.
   */
  public record MutablePut(byte[] target, byte[] publicKey, long seq, int stored) {}

  /** Result of a BEP 44 immutable put. */
  public record ImmutablePut(byte[] target, int stored) {}

  /** A BEP 44 mutable item as found by a third-party get. */
  public record MutableValue(byte[] bencodedValue, long seq, byte[] signature) {}

  /** Result of a BEP 5 announce: the port announced and how many nodes acked. */
  public record Announced(int port, int stored) {}

  private static final HexFormat HEX = HexFormat.of();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(45);
  private static final Duration TABLE_POLL = Duration.ofMillis(100);
  private static final AtomicInteger STARTED = new AtomicInteger();

  private final ThirdPartyImplementation implementation;
  private final HarnessConnection harness;

  private ThirdPartyDht(ThirdPartyImplementation implementation, HarnessConnection harness) {
    this.implementation = implementation;
    this.harness = harness;
  }

  /**
   * Starts {@code nodeCount} nodes of {@code implementation} on ephemeral loopback ports, each
   * bootstrapping from {@code bootstrap} and from the harness's other nodes. Skips the calling test
   * if the implementation is not installed (fails instead when interop is required).
   */
  public static ThirdPartyDht start(
      ThirdPartyImplementation implementation, int nodeCount, List<InetSocketAddress> bootstrap) {
    Path dir = implementation.requireInstalled();
    List<String> command = new ArrayList<>(implementation.command(dir));
    command.add("--nodes");
    command.add(Integer.toString(nodeCount));
    if (!bootstrap.isEmpty()) {
      command.add("--bootstrap");
      command.add(bootstrap.stream().map(ThirdPartyDht::endpoint).collect(Collectors.joining(",")));
    }
    return new ThirdPartyDht(implementation, HarnessConnection.start(implementation.id(),
        command, dir, logFile(dir, implementation), START_TIMEOUT));
  }

  public ThirdPartyImplementation implementation() {
    return implementation;
  }

  /** Version of the third-party library, as the harness reports it. */
  public String version() {
    return harness.version();
  }

  /** UDP endpoints of the harness's nodes, in index order. */
  public List<InetSocketAddress> nodes() {
    return harness.nodes();
  }

  public InetSocketAddress node(int index) {
    return harness.nodes().get(index);
  }

  /** Makes every node of the harness ping {@code node}; returns how many got an answer. */
  public int addNode(InetSocketAddress node) {
    ObjectNode cmd =
        command("add_node").put("host", node.getHostString()).put("port", node.getPort());
    return call(cmd).path("added").asInt();
  }

  /** Routing-table size of each node, in index order. */
  public List<Integer> tableSizes() {
    List<Integer> sizes = new ArrayList<>();
    call(command("table_size")).path("sizes").forEach(size -> sizes.add(size.asInt()));
    return List.copyOf(sizes);
  }

  /** Waits (bounded) until every node knows at least {@code minimum} other nodes. */
  public void awaitTables(int minimum, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Integer> sizes = tableSizes();
    while (sizes.stream().anyMatch(size -> size < minimum)) {
      if (System.nanoTime() > deadline) {
        throw new HarnessException(
            implementation.id()
                + " routing tables "
                + sizes
                + " did not reach "
                + minimum
                + " within "
                + timeout);
      }
      Thread.sleep(TABLE_POLL.toMillis());
      sizes = tableSizes();
    }
  }

  /**
   * BEP 44 mutable put from node {@code node}, signed with the ed25519 key of {@code seed}. Without
   * {@code seq} the harness uses current seq + 1 (libtorrent can do nothing else).
   */
  public MutablePut putMutable(
      int node, byte[] seed, byte[] salt, OptionalLong seq, byte[] bencodedValue) {
    ObjectNode cmd =
        command("put_mutable")
            .put("node", node)
            .put("seed", HEX.formatHex(seed))
            .put("salt_hex", HEX.formatHex(salt))
            .put("v_hex", HEX.formatHex(bencodedValue));
    seq.ifPresent(value -> cmd.put("seq", value));
    JsonNode reply = call(cmd);
    return new MutablePut(
        hex(reply, "target"),
        hex(reply, "pubkey"),
        reply.path("seq").asLong(),
        reply.path("stored").asInt());
  }

  /** BEP 44 mutable get by node {@code node}; empty when no node returned a valid item. */
  public Optional<MutableValue> getMutable(int node, byte[] publicKey, byte[] salt) {
    JsonNode reply =
        call(
            command("get_mutable")
                .put("node", node)
                .put("pubkey", HEX.formatHex(publicKey))
                .put("salt_hex", HEX.formatHex(salt)));
    if (!reply.path("found").asBoolean()) {
      return Optional.empty();
    }
    return Optional.of(
        new MutableValue(hex(reply, "v_hex"), reply.path("seq").asLong(), hex(reply, "sig")));
  }

  /** BEP 44 immutable put of an already bencoded value from node {@code node}. */
  public ImmutablePut putImmutable(int node, byte[] bencodedValue) {
    JsonNode reply =
        call(command("put_immutable").put("node", node).put("v_hex", HEX.formatHex(bencodedValue)));
    return new ImmutablePut(hex(reply, "target"), reply.path("stored").asInt());
  }

  /** BEP 44 immutable get by node {@code node}; the bencoded value, hash-checked by the harness. */
  public Optional<byte[]> getImmutable(int node, byte[] target) {
    JsonNode reply =
        call(command("get_immutable").put("node", node).put("target", HEX.formatHex(target)));
    return reply.path("found").asBoolean() ? Optional.of(hex(reply, "v_hex")) : Optional.empty();
  }

  /**
   * BEP 5 announce from node {@code node}; port 0 announces the node's own UDP port (implied_port).
   */
  public Announced announce(int node, byte[] infohash, int port) {
    ObjectNode cmd = command("announce").put("node", node).put("infohash", HEX.formatHex(infohash));
    if (port != 0) {
      cmd.put("port", port);
    }
    JsonNode reply = call(cmd);
    return new Announced(reply.path("port").asInt(), reply.path("stored").asInt());
  }

  /** BEP 5 get_peers by node {@code node}: every peer any node returned. */
  public Set<InetSocketAddress> getPeers(int node, byte[] infohash) {
    JsonNode reply =
        call(command("get_peers").put("node", node).put("infohash", HEX.formatHex(infohash)));
    Set<InetSocketAddress> peers = new LinkedHashSet<>();
    reply
        .path("peers")
        .forEach(
            peer ->
                peers.add(
                    new InetSocketAddress(peer.path("host").asText(), peer.path("port").asInt())));
    return Set.copyOf(peers);
  }

  /** A new command object for {@code op}; {@link #call} adds the request id. */
  public static ObjectNode command(String op) {
    return HarnessConnection.command(op);
  }

  /** Sends one command and waits (bounded) for its reply; throws if the harness answered not ok. */
  public JsonNode call(ObjectNode command) {
    return harness.call(command, COMMAND_TIMEOUT);
  }

  /** Sends one command; the future completes with the raw reply line (ok or not). */
  public CompletableFuture<JsonNode> send(ObjectNode command) {
    return harness.send(command);
  }

  @Override
  public void close() {
    harness.close();
  }

  private static byte[] hex(JsonNode reply, String field) {
    return HEX.parseHex(reply.path(field).asText());
  }

  private static String endpoint(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }

  private static Path logFile(Path interopDir, ThirdPartyImplementation implementation) {
    Path dir = interopDir.resolve("../../../target/interop-logs").normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    return dir.resolve(
        implementation.id()
            + "-"
            + ProcessHandle.current().pid()
            + "-"
            + STARTED.incrementAndGet()
            + ".stderr.log");
  }
}
