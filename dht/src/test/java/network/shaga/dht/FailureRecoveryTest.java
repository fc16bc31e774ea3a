package network.shaga.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import network.shaga.dht.krpc.KrpcMessage;
import network.shaga.dht.krpc.KrpcResponse;
import network.shaga.dht.krpc.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Mass failure on real UDP: a third of the nodes die at once, including holders of an item. */
class FailureRecoveryTest {
  private static final int NODES = 120;
  private static final int K = 8;
  private static final Duration REPLICATION = Duration.ofSeconds(3);

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void itemSurvivesAndMovesToTheNewClosestNodes() throws Exception {
    try (LocalSwarm swarm = new LocalSwarm(2).start(NODES, b -> b.replicationInterval(REPLICATION)
        .maintenanceInterval(Duration.ofSeconds(1)));
        RawClient probe = new RawClient()) {
      Ed25519KeyPair key = Ed25519KeyPair.generate();
      MutableItem item = MutableItem.sign(key, "s".getBytes(StandardCharsets.UTF_8), 1,
          Bencode.encode("survivor"));
      StoreResult stored = swarm.get(0).put(item).get(20, TimeUnit.SECONDS);
      assertThat(stored.acks()).isGreaterThanOrEqualTo(K - 1);

      NodeId target = item.targetId();
      List<DhtNode> byDistance = new ArrayList<>(swarm.nodes);
      byDistance.sort(Comparator.comparing(DhtNode::id, target::compareDistance));
      List<DhtNode> holders = new ArrayList<>();
      for (DhtNode n : byDistance.subList(0, K)) {
        if (holds(probe, n, target)) {
          holders.add(n);
        }
      }
      assertThat(holders.size()).isGreaterThanOrEqualTo(K - 2);

      // Kill a third: five of the holders plus random others, never node 0 (the putter).
      List<DhtNode> victims = new ArrayList<>(holders.subList(0, 5));
      List<DhtNode> others = new ArrayList<>(swarm.nodes.subList(1, NODES));
      others.removeAll(holders);
      Collections.shuffle(others, new Random(7));
      victims.addAll(others.subList(0, NODES / 3 - victims.size()));
      for (DhtNode v : victims) {
        v.close();
      }
      List<DhtNode> alive = new ArrayList<>(swarm.nodes);
      alive.removeAll(victims);
      assertThat(alive).hasSize(NODES - NODES / 3);

      long t0 = System.nanoTime();
      Optional<MutableItem> found = alive.get(alive.size() - 1)
          .get(key.publicKey(), item.salt()).get(20, TimeUnit.SECONDS);
      long lookupMillis = (System.nanoTime() - t0) / 1_000_000;
      assertThat(found).contains(item);
      assertThat(lookupMillis).as("lookup after mass failure").isLessThan(5000);

      // One replication interval (plus the jittered first round and lookup time) later, the
      // K closest survivors hold the item.
      alive.sort(Comparator.comparing(DhtNode::id, target::compareDistance));
      List<DhtNode> newClosest = alive.subList(0, K);
      long deadline = System.nanoTime() + 3 * REPLICATION.toNanos();
      int holding = 0;
      while (System.nanoTime() < deadline) {
        holding = 0;
        for (DhtNode n : newClosest) {
          if (holds(probe, n, target)) {
            holding++;
          }
        }
        if (holding == K) {
          break;
        }
        Thread.sleep(250);
      }
      assertThat(holding).as("new closest holding the item").isEqualTo(K);
    }
  }

  private static boolean holds(RawClient probe, DhtNode node, NodeId target) throws Exception {
    Optional<KrpcMessage> reply =
        probe.query(node.localAddress(), new Request.Get(target, null), 1000);
    return reply.isPresent() && reply.get() instanceof KrpcResponse r && r.value() != null;
  }
}
