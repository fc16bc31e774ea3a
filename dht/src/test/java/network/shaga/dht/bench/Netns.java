package network.shaga.dht.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Linux network namespace holding many addresses of 198.18.0.0/15 (RFC 2544 benchmarking
 * space) on a veth interface, so every node of a benchmark network gets its own address that
 * mldht accepts as routable. Closing it deletes the namespace, which removes the interface and
 * every address with it. Needs root and iproute2.
 */
final class Netns implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Netns.class.getName());
  private static final long COMMAND_TIMEOUT_S = 60;
  private static final String INTERFACE = "sbs0";
  private static final String PEER_INTERFACE = "sbs1";
  /** Hosts per /24-sized block, skipping .0 and .255. */
  private static final int PER_BLOCK = 254;
  /** 198.18.0.0/15 has 512 such blocks. */
  static final int MAX_ADDRESSES = 512 * PER_BLOCK;

  private final String name;
  private final List<InetAddress> addresses;
  private final boolean owned;
  private final Thread cleanup;

  private Netns(String name, List<InetAddress> addresses, boolean owned) {
    this.name = name;
    this.addresses = List.copyOf(addresses);
    this.owned = owned;
    this.cleanup = owned ? new Thread(this::delete, "netns-cleanup-" + name) : null;
    if (owned) {
      Runtime.getRuntime().addShutdownHook(cleanup);
    }
  }

  /** Why namespaces cannot be used here, or empty when they can. */
  static Optional<String> unavailableReason() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("network namespaces need root (running as "
          + System.getProperty("user.name") + ")");
    }
    String probe = "shaga-probe-" + ProcessHandle.current().pid();
    Optional<String> failure = run(List.of("ip", "netns", "add", probe));
    if (failure.isPresent()) {
      return Optional.of("`ip netns add` failed: " + failure.get());
    }
    run(List.of("ip", "netns", "del", probe));
    return Optional.empty();
  }

  /** Creates namespace {@code name} with {@code count} addresses; deleted again on failure. */
  static Netns create(String name, int count) {
    if (count < 1 || count > MAX_ADDRESSES) {
      throw new IllegalArgumentException("address count must be in [1, " + MAX_ADDRESSES + "]");
    }
    List<InetAddress> addresses = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      addresses.add(address(i));
    }
    Netns netns = new Netns(name, addresses, true);
    try {
      check(List.of("ip", "netns", "add", name));
      check(List.of("ip", "-n", name, "link", "set", "lo", "up"));
      // A veth pair: the dummy driver is often not available in containers.
      check(List.of("ip", "-n", name, "link", "add", INTERFACE, "type", "veth",
          "peer", "name", PEER_INTERFACE));
      check(List.of("ip", "-n", name, "link", "set", INTERFACE, "up"));
      check(List.of("ip", "-n", name, "link", "set", PEER_INTERFACE, "up"));
      StringBuilder batch = new StringBuilder();
      for (InetAddress a : addresses) {
        batch.append("addr add ").append(a.getHostAddress()).append("/32 dev ")
            .append(INTERFACE).append('\n');
      }
      checkWithInput(List.of("ip", "-n", name, "-batch", "-"), batch.toString());
      return netns;
    } catch (RuntimeException e) {
      netns.close();
      throw e;
    }
  }

  /**
   * A namespace created by someone else (the benchmark script), of which this process uses the
   * first {@code count} addresses and which it leaves in place.
   */
  static Netns existing(String name, int count) {
    List<InetAddress> addresses = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      addresses.add(address(i));
    }
    return new Netns(name, addresses, false);
  }

  /** The i-th benchmark address: 198.18.0.1, …, 198.18.0.254, 198.18.1.1, … */
  static InetAddress address(int i) {
    int block = i / PER_BLOCK;
    byte[] bytes = {(byte) 198, (byte) (18 + block / 256), (byte) (block % 256),
        (byte) (i % PER_BLOCK + 1)};
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  String name() {
    return name;
  }

  List<InetAddress> addresses() {
    return addresses;
  }

  /** Prefix that runs a command inside the namespace. */
  List<String> execPrefix() {
    return List.of("ip", "netns", "exec", name);
  }

  @Override
  public void close() {
    if (owned) {
      delete();
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        LOG.log(System.Logger.Level.DEBUG, "already shutting down", e);
      }
    }
  }

  private void delete() {
    // Processes still inside would keep the namespace (and its addresses) alive after del.
    try {
      Process pids = new ProcessBuilder("ip", "netns", "pids", name).redirectErrorStream(true)
          .start();
      String output = new String(pids.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      pids.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS);
      output.lines().map(String::strip).filter(l -> l.matches("\\d+"))
          .map(Long::parseLong)
          .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "listing processes in " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    run(List.of("ip", "netns", "del", name))
        .ifPresent(error -> LOG.log(System.Logger.Level.DEBUG, "netns del {0}: {1}", name, error));
  }

  private static void check(List<String> command) {
    run(command).ifPresent(error -> {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + error);
    });
  }

  private static void checkWithInput(List<String> command, String input) {
    runWithInput(command, input).ifPresent(error -> {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + error);
    });
  }

  private static Optional<String> run(List<String> command) {
    return runWithInput(command, "");
  }

  /** Runs a command; empty on success, otherwise its output or the reason it did not run. */
  private static Optional<String> runWithInput(List<String> command, String input) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (var stdin = process.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.of("timed out");
      }
      return process.exitValue() == 0 ? Optional.empty()
          : Optional.of("exit " + process.exitValue() + ": " + output.strip());
    } catch (IOException e) {
      return Optional.of(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }
}
