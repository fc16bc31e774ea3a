package network.shaga.dht.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import network.shaga.dht.Bep42;
import network.shaga.dht.DhtConfig;
import network.shaga.dht.DhtNode;
import network.shaga.dht.NodeId;
import org.junit.jupiter.api.Test;

/** BEP 42 on public addresses, in the simulator (loopback and private addresses are exempt). */
class Bep42EnforcementTest {

  @Test
  void enforcingNodesKeepInvalidIdsOutOfTheirTables() throws Exception {
    assertThat(rogueAdmissions(true)).isZero();
    assertThat(rogueAdmissions(false)).isPositive();
  }

  /** How many table slots a node with a BEP 42-invalid id wins among 12 honest nodes. */
  private static int rogueAdmissions(boolean enforce) throws Exception {
    SimNetwork sim = new SimNetwork(LatencyModel.lan(), 0, 5);
    List<DhtNode> honest = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      InetAddress ip = InetAddress.getByName("203.0.113." + i);
      List<InetSocketAddress> boot = honest.isEmpty() ? List.of()
          : List.of(honest.get(0).localAddress());
      DhtNode node = DhtNode.create(DhtConfig.builder().bindAddress(ip).port(6881)
          .bootstrap(boot).enforceBep42(enforce).randomSeed(i).build(), sim);
      sim.await(node.start(), Duration.ofSeconds(30));
      honest.add(node);
      // Without a configured id, a node on a public address picks a BEP 42 one.
      assertThat(Bep42.isValid(node.id(), ip)).isTrue();
    }
    sim.runFor(Duration.ofSeconds(5));
    int before = honest.stream().mapToInt(n -> n.stats().routingTableSize()).sum();

    InetAddress rogueIp = InetAddress.getByName("198.51.100.7");
    NodeId rogueId = NodeId.random(new SplittableRandom(1));
    assertThat(Bep42.isValid(rogueId, rogueIp)).isFalse();
    DhtNode rogue = DhtNode.create(DhtConfig.builder().bindAddress(rogueIp).port(6881)
        .nodeId(rogueId).bootstrap(List.of(honest.get(0).localAddress())).randomSeed(99)
        .build(), sim);
    sim.await(rogue.start(), Duration.ofSeconds(30));
    sim.runFor(Duration.ofSeconds(5));
    // The rogue itself learned the honest nodes and queried them during its bootstrap.
    assertThat(rogue.stats().routingTableSize()).isGreaterThan(3);
    int after = honest.stream().mapToInt(n -> n.stats().routingTableSize()).sum();
    sim.close();
    return after - before;
  }
}
