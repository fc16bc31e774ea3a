package network.shaga.dht;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import network.shaga.dht.storage.StorageLimits;
import network.shaga.dht.transport.UdpNetwork;

/** N real-UDP nodes on loopback sharing one {@link UdpNetwork}, for tests. */
final class LocalSwarm implements AutoCloseable {
  final UdpNetwork network;
  final List<DhtNode> nodes = new ArrayList<>();

  LocalSwarm(int workers) {
    this.network = UdpNetwork.create(workers);
  }

  static DhtConfig.Builder testConfig() {
    return DhtConfig.builder()
        .rateLimit(0, 0)
        .storage(new StorageLimits(10_000, 16 << 20, 10_000, 256, 100_000, 100_000, Duration.ofHours(2),
            Duration.ofHours(2), Duration.ofMinutes(30)))
        .minRequestTimeout(Duration.ofMillis(100))
        .maxRequestTimeout(Duration.ofMillis(1500));
  }

  /** Starts n nodes one after the other, each bootstrapping from up to three earlier ones. */
  LocalSwarm start(int n, UnaryOperator<DhtConfig.Builder> tune) throws Exception {
    for (int i = 0; i < n; i++) {
      List<InetSocketAddress> boot = new ArrayList<>();
      for (int j = Math.max(0, nodes.size() - 3); j < nodes.size(); j++) {
        boot.add(nodes.get(j).localAddress());
      }
      if (!nodes.isEmpty() && !boot.contains(nodes.get(0).localAddress())) {
        boot.add(nodes.get(0).localAddress());
      }
      DhtNode node = DhtNode.create(tune.apply(testConfig().bootstrap(boot)).build(), network);
      node.start().get(10, TimeUnit.SECONDS);
      nodes.add(node);
    }
    return this;
  }

  DhtNode get(int i) {
    return nodes.get(i);
  }

  @Override
  public void close() {
    for (DhtNode n : nodes) {
      n.close();
    }
    network.close();
  }
}
