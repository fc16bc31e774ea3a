package network.shaga.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
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

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void peerEntriesAreReplicatedAndRemovalsStayRemoved() throws Exception {
    try (LocalSwarm swarm = new LocalSwarm(2).start(60, b -> b.replicationInterval(REPLICATION));
        RawClient probe = new RawClient()) {
      NodeId infohash = NodeId.sha1("peer replication".getBytes(StandardCharsets.UTF_8));
      DhtNode announcer = swarm.get(0);
      DhtNode stays = swarm.get(1);
      assertThat(announcer.announce(infohash.toBytes(), 7001, Duration.ofMinutes(10))
          .get(20, TimeUnit.SECONDS).acks()).isGreaterThanOrEqualTo(K - 1);
      assertThat(stays.announce(infohash.toBytes(), 7002, Duration.ofMinutes(10))
          .get(20, TimeUnit.SECONDS).acks()).isGreaterThanOrEqualTo(K - 1);

      List<DhtNode> byDistance = new ArrayList<>(swarm.nodes.subList(2, swarm.nodes.size()));
      byDistance.sort(Comparator.comparing(DhtNode::id, infohash::compareDistance));
      List<DhtNode> victims = new ArrayList<>(byDistance.subList(0, 5));
      victims.forEach(DhtNode::close);
      List<DhtNode> alive = new ArrayList<>(swarm.nodes);
      alive.removeAll(victims);
      alive.sort(Comparator.comparing(DhtNode::id, infohash::compareDistance));
      List<DhtNode> newClosest = alive.subList(0, K);

      long deadline = System.nanoTime() + 3 * REPLICATION.toNanos();
      int holding = 0;
      while (System.nanoTime() < deadline && holding < K) {
        Thread.sleep(250);
        holding = 0;
        for (DhtNode n : newClosest) {
          holding += peersAt(probe, n, infohash) == 2 ? 1 : 0;
        }
      }
      assertThat(holding).as("new closest holding both peers").isEqualTo(K);

      // The first peer leaves; replication rounds must not bring it back.
      assertThat(announcer.announce(infohash.toBytes(), 7001, Duration.ZERO)
          .get(20, TimeUnit.SECONDS).acks()).isGreaterThanOrEqualTo(K - 1);
      Thread.sleep(2 * REPLICATION.toMillis());
      assertThat(alive.get(alive.size() - 1).getPeers(infohash.toBytes())
          .get(20, TimeUnit.SECONDS))
          .containsExactly(new InetSocketAddress(stays.localAddress().getAddress(), 7002));
    }
  }

  private static int peersAt(RawClient probe, DhtNode node, NodeId infohash) throws Exception {
    Optional<KrpcMessage> reply =
        probe.query(node.localAddress(), new Request.GetPeers(infohash), 1000);
    return reply.isPresent() && reply.get() instanceof KrpcResponse r ? r.values().size() : -1;
  }

  private static boolean holds(RawClient probe, DhtNode node, NodeId target) throws Exception {
    Optional<KrpcMessage> reply =
        probe.query(node.localAddress(), new Request.Get(target, null), 1000);
    return reply.isPresent() && reply.get() instanceof KrpcResponse r && r.value() != null;
  }
}
