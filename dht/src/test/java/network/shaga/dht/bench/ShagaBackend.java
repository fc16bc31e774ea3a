package network.shaga.dht.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import network.shaga.dht.DhtConfig;
import network.shaga.dht.DhtNode;
import network.shaga.dht.DhtStats;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.dht.MutableItem;
import network.shaga.dht.transport.UdpNetwork;

/**
 * Shaga {@link DhtNode}s with their default configuration, all on one shared {@link UdpNetwork}
 * (how a process hosting many nodes uses the library).
 */
final class ShagaBackend implements NodeBackend {
  private static final long START_TIMEOUT_S = 60;
  /** Event-loop threads of the shared network; the machine the benchmark targets has 2 cores. */
  private static final int NETWORK_THREADS = 2;

  private final UdpNetwork network = UdpNetwork.create(NETWORK_THREADS);
  private final List<DhtNode> nodes = new ArrayList<>();

  ShagaBackend(List<InetAddress> hosts, int port, List<InetSocketAddress> bootstrap,
      int seedNodes, long randomSeed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(randomSeed);
    for (int i = 0; i < hosts.size(); i++) {
      List<InetSocketAddress> seeds = new ArrayList<>(bootstrap);
      seeds.addAll(Seeds.pick(addresses(), seedNodes, random));
      DhtNode node = DhtNode.create(
          DhtConfig.builder().bindAddress(hosts.get(i)).port(port).bootstrap(seeds).build(),
          network);
      nodes.add(node);
      try {
        node.start().get(START_TIMEOUT_S, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting node " + i, e);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("node " + i + " did not start: " + e, e);
      }
    }
  }

  @Override
  public String implementation() {
    return "shaga";
  }

  @Override
  public String version() {
    return Optional.ofNullable(DhtNode.class.getPackage().getImplementationVersion())
        .orElse("working tree");
  }

  @Override
  public List<InetSocketAddress> addresses() {
    return nodes.stream().map(DhtNode::localAddress).toList();
  }

  @Override
  public int[] tableSizes() {
    return nodes.stream().mapToInt(n -> n.stats().routingTableSize()).toArray();
  }

  @Override
  public long packets(int node) {
    DhtStats stats = nodes.get(node).stats();
    return stats.packetsIn() + stats.packetsOut();
  }

  @Override
  public CompletableFuture<Integer> putMutable(
      int node, byte[] seed, byte[] salt, long seq, byte[] v) {
    MutableItem item = MutableItem.sign(Ed25519KeyPair.fromSeed(seed), salt, seq, v);
    return nodes.get(node).put(item).thenApply(r -> r.acks());
  }

  @Override
  public CompletableFuture<Optional<Found>> getMutable(int node, byte[] publicKey, byte[] salt) {
    return nodes.get(node).get(publicKey, salt)
        .thenApply(found -> found.map(item -> new Found(item.value(), item.seq())));
  }

  @Override
  public CompletableFuture<Integer> announce(int node, byte[] infohash) {
    return nodes.get(node).announce(infohash, 0, null).thenApply(r -> r.acks());
  }

  @Override
  public CompletableFuture<Set<InetSocketAddress>> getPeers(int node, byte[] infohash) {
    return nodes.get(node).getPeers(infohash).thenApply(Set::copyOf);
  }

  @Override
  public void close() {
    nodes.forEach(DhtNode::close);
    network.close();
  }
}
