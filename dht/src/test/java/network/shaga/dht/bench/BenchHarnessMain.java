package network.shaga.dht.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs Shaga or mldht nodes in one JVM and drives them over the JSON line protocol of {@code
 * src/test/interop/README.md} (the subset the benchmark uses), so the benchmark treats them
 * exactly like the bittorrent-dht harness {@code btdht-node.mjs}.
 *
 * <p>Usage: {@code BenchHarnessMain --impl shaga|mldht --hosts a,b,... [--port P] [--bootstrap
 * host:port,...] [--seed-nodes M]}: one node per host, each bootstrapping from {@code --bootstrap}
 * and from up to M nodes this harness already started. Replies of the four workload operations
 * carry {@code elapsed_ms} (measured around the library call) and {@code packets} (datagrams the
 * issuing node sent and received meanwhile).
 */
public final class BenchHarnessMain {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private final NodeBackend backend;
  private final PrintStream out;

  private BenchHarnessMain(NodeBackend backend, PrintStream out) {
    this.backend = backend;
    this.out = out;
  }

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(
        new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    // Library chatter must not corrupt the protocol stream.
    System.setOut(System.err);
    NodeBackend backend;
    try {
      backend = start(args);
    } catch (RuntimeException e) {
      out.println(JSON.createObjectNode().put("event", "failed").put("error", e.toString()));
      e.printStackTrace(System.err);
      System.exit(1);
      return;
    }
    BenchHarnessMain harness = new BenchHarnessMain(backend, out);
    ObjectNode ready = JSON.createObjectNode()
        .put("event", "ready")
        .put("impl", backend.implementation())
        .put("version", backend.version());
    ready.set("nodes", harness.addresses());
    harness.reply(ready);
    harness.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    backend.close();
    System.exit(0);
  }

  private static NodeBackend start(String[] args) {
    String impl = null;
    List<InetAddress> hosts = new ArrayList<>();
    List<InetSocketAddress> bootstrap = new ArrayList<>();
    int port = 0;
    int seedNodes = Integer.MAX_VALUE;
    long seed = 1;
    for (int i = 0; i + 1 < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--impl" -> impl = value;
        case "--hosts" -> {
          for (String host : value.split(",")) {
            hosts.add(address(host));
          }
        }
        case "--port" -> port = Integer.parseInt(value);
        case "--bootstrap" -> {
          for (String endpoint : value.split(",")) {
            int colon = endpoint.lastIndexOf(':');
            bootstrap.add(new InetSocketAddress(
                address(endpoint.substring(0, colon)),
                Integer.parseInt(endpoint.substring(colon + 1))));
          }
        }
        case "--seed-nodes" -> seedNodes = Integer.parseInt(value);
        case "--random-seed" -> seed = Long.parseLong(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("missing value after " + args[args.length - 1]);
    }
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("--hosts is required");
    }
    if ("shaga".equals(impl)) {
      return new ShagaBackend(hosts, port, bootstrap, seedNodes, seed);
    }
    if ("mldht".equals(impl)) {
      return new MldhtBackend(hosts, port, bootstrap, seedNodes, seed);
    }
    throw new IllegalArgumentException("--impl must be shaga or mldht, not " + impl);
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad address " + literal, e);
    }
  }

  private void serve(BufferedReader in) throws IOException {
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode cmd;
      try {
        cmd = JSON.readTree(line);
      } catch (IOException e) {
        reply(JSON.createObjectNode().putNull("id").put("ok", false).put("error", "not JSON"));
        continue;
      }
      JsonNode id = cmd.path("id");
      if ("quit".equals(cmd.path("op").asText())) {
        reply(ok(id));
        return;
      }
      CompletableFuture<ObjectNode> result;
      try {
        result = execute(cmd, id);
      } catch (RuntimeException e) {
        result = CompletableFuture.failedFuture(e);
      }
      result.whenComplete((reply, error) -> {
        if (error == null) {
          reply(reply);
        } else {
          Throwable cause = error instanceof CompletionException && error.getCause() != null
              ? error.getCause() : error;
          ObjectNode failed = JSON.createObjectNode().put("ok", false)
              .put("error", String.valueOf(cause));
          failed.set("id", id);
          reply(failed);
        }
      });
    }
  }

  private CompletableFuture<ObjectNode> execute(JsonNode cmd, JsonNode id) {
    String op = cmd.path("op").asText();
    int node = cmd.path("node").asInt(0);
    if (node < 0 || node >= backend.addresses().size()) {
      throw new IllegalArgumentException("node must be an index in [0, "
          + (backend.addresses().size() - 1) + "]");
    }
    return switch (op) {
      case "addresses" -> {
        ObjectNode reply = ok(id);
        reply.set("nodes", addresses());
        yield CompletableFuture.completedFuture(reply);
      }
      case "table_size" -> {
        ObjectNode reply = ok(id);
        ArrayNode sizes = reply.putArray("sizes");
        Arrays.stream(backend.tableSizes()).forEach(sizes::add);
        yield CompletableFuture.completedFuture(reply);
      }
      case "put_mutable" -> measured(id, node, () -> backend.putMutable(node,
          hex(cmd, "seed"), hex(cmd, "salt_hex"), cmd.path("seq").asLong(1), hex(cmd, "v_hex")),
          (reply, stored) -> reply.put("stored", stored));
      case "get_mutable" -> measured(id, node,
          () -> backend.getMutable(node, hex(cmd, "pubkey"), hex(cmd, "salt_hex")),
          (reply, found) -> {
            reply.put("found", found.isPresent());
            found.ifPresent(f -> reply.put("v_hex", HEX.formatHex(f.bencodedValue()))
                .put("seq", f.seq()));
          });
      case "announce" -> measured(id, node, () -> backend.announce(node, hex(cmd, "infohash")),
          (reply, stored) -> reply.put("stored", stored)
              .put("port", backend.addresses().get(node).getPort()));
      case "get_peers" -> measured(id, node, () -> backend.getPeers(node, hex(cmd, "infohash")),
          (reply, peers) -> {
            ArrayNode list = reply.putArray("peers");
            peers.forEach(p -> list.addObject()
                .put("host", p.getAddress().getHostAddress()).put("port", p.getPort()));
          });
      default -> throw new IllegalArgumentException("unknown op " + op);
    };
  }

  private <T> CompletableFuture<ObjectNode> measured(JsonNode id, int node,
      java.util.function.Supplier<CompletableFuture<T>> operation,
      java.util.function.BiConsumer<ObjectNode, T> fill) {
    long packetsBefore = backend.packets(node);
    long start = System.nanoTime();
    return operation.get().thenApply(result -> {
      double elapsedMs = (System.nanoTime() - start) / 1e6;
      ObjectNode reply = ok(id)
          .put("elapsed_ms", elapsedMs)
          .put("packets", backend.packets(node) - packetsBefore);
      fill.accept(reply, result);
      return reply;
    });
  }

  private ArrayNode addresses() {
    ArrayNode nodes = JSON.createArrayNode();
    backend.addresses().forEach(a -> nodes.addObject()
        .put("host", a.getAddress().getHostAddress()).put("port", a.getPort()));
    return nodes;
  }

  private static ObjectNode ok(JsonNode id) {
    ObjectNode reply = JSON.createObjectNode();
    reply.set("id", id);
    return reply.put("ok", true);
  }

  private static byte[] hex(JsonNode cmd, String field) {
    return HEX.parseHex(cmd.path(field).asText(""));
  }

  private void reply(ObjectNode message) {
    synchronized (out) {
      out.println(message.toString());
    }
  }
}
