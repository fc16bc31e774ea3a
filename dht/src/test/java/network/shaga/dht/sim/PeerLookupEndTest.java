package network.shaga.dht.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import network.shaga.dht.DhtConfig;
import network.shaga.dht.DhtNode;
import network.shaga.dht.NodeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A BitTorrent-style get_peers ends once the closest holders agree; the exhaustive one waits for
 * every one of the K closest. Measured in the simulator's virtual time on a network where one node
 * in five is slow (a far or busy peer): the slowest of the K closest is then usually a slow one.
 */
@Timeout(120)
class PeerLookupEndTest {
  private static final int NODES = 150;
  private static final int SWARMS = 30;
  private SimNetwork sim;
  private final List<DhtNode> nodes = new ArrayList<>();

  @BeforeEach
  void network() throws Exception {
    sim = new SimNetwork(new OneInFiveSlow(), 0, 11);
    for (int i = 0; i < NODES; i++) {
      InetAddress ip = InetAddress.getByName("10.1." + (i / 200) + "." + (i % 200 + 1));
      List<InetSocketAddress> boot = nodes.isEmpty() ? List.of()
          : List.of(nodes.get(new SplittableRandom(i).nextInt(nodes.size())).localAddress());
      DhtNode node = DhtNode.create(DhtConfig.builder().bindAddress(ip).port(6881)
          .bootstrap(boot).randomSeed(i).build(), sim);
      sim.await(node.start(), Duration.ofSeconds(60));
      nodes.add(node);
    }
    sim.runFor(Duration.ofMinutes(2));
  }

  @AfterEach
  void close() {
    nodes.forEach(DhtNode::close);
    sim.close();
  }

  @Test
  void aPeerLookupEndsBeforeTheSlowestOfTheClosestAnswersAndStillFindsTheSwarm() throws Exception {
    List<byte[]> infohashes = new ArrayList<>();
    List<InetSocketAddress> announcers = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < SWARMS; i++) {
      byte[] infohash = NodeId.sha1(("swarm " + i).getBytes(StandardCharsets.US_ASCII)).toBytes();
      DhtNode announcer = nodes.get(random.nextInt(NODES));
      assertThat(sim.await(announcer.announce(infohash, 0, null), Duration.ofSeconds(60)).acks())
          .isGreaterThanOrEqualTo(6);
      infohashes.add(infohash);
      announcers.add(announcer.localAddress());
    }

    long quick = 0;
    long all = 0;
    long quickRequests = 0;
    long allRequests = 0;
    for (int i = 0; i < SWARMS; i++) {
      // Two different askers, so neither lookup starts from what the other one learned.
      DhtNode asker = nodes.get(random.nextInt(NODES));
      DhtNode other = nodes.get(random.nextInt(NODES));
      byte[] infohash = infohashes.get(i);
      long before = asker.stats().requestsSent();
      quick += virtualNanos(asker, n -> n.getPeers(infohash), announcers.get(i));
      quickRequests += asker.stats().requestsSent() - before;
      before = other.stats().requestsSent();
      all += virtualNanos(other, n -> n.getAllPeers(infohash, p -> {}), announcers.get(i));
      allRequests += other.stats().requestsSent() - before;
    }
    // Every swarm was found both ways (checked in virtualNanos); the quick lookups took, in
    // total, clearly less time (about half here) and no more requests than the exhaustive ones.
    assertThat(quick).isLessThan(all * 3 / 4);
    assertThat(quickRequests).isLessThanOrEqualTo(allRequests);
  }

  /** 5 ms one way to most endpoints, 150 ms to every fifth one bound; no jitter. */
  private static final class OneInFiveSlow implements LatencyModel {
    private int bound;

    @Override
    public long accessNanos(java.util.random.RandomGenerator random) {
      return Duration.ofMillis(bound++ % 5 == 4 ? 150 : 5).toNanos();
    }

    @Override
    public long jitterNanos(java.util.random.RandomGenerator random) {
      return 0;
    }
  }

  private long virtualNanos(DhtNode asker,
      Function<DhtNode, CompletableFuture<List<InetSocketAddress>>> lookup,
      InetSocketAddress announcer) throws Exception {
    long start = sim.nanoTime();
    CompletableFuture<List<InetSocketAddress>> found = lookup.apply(asker);
    assertThat(sim.await(found, Duration.ofSeconds(60))).contains(announcer);
    return sim.nanoTime() - start;
  }
}
