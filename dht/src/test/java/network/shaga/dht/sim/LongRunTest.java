package network.shaga.dht.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import network.shaga.dht.Bencode;
import network.shaga.dht.DhtConfig;
import network.shaga.dht.DhtNode;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.dht.MutableItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hours of virtual time with heartbeats: state and timers must stay bounded, items fresh. */
class LongRunTest {

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void twoHoursOfHeartbeatsStayBounded() throws Exception {
    SimNetwork sim = new SimNetwork(LatencyModel.lan(), 0.01, 11);
    List<DhtNode> nodes = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      List<InetSocketAddress> boot = nodes.isEmpty() ? List.of()
          : List.of(nodes.get(0).localAddress(), nodes.get(nodes.size() - 1).localAddress());
      DhtNode node = DhtNode.create(DhtConfig.builder().bootstrap(boot).randomSeed(i + 1)
          .replicationInterval(Duration.ofMinutes(5)).build(), sim);
      sim.await(node.start(), Duration.ofSeconds(30));
      nodes.add(node);
    }
    List<Ed25519KeyPair> owners = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      owners.add(Ed25519KeyPair.fromSeed(new byte[] {
        (byte) i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}));
    }
    byte[] salt = "status".getBytes(StandardCharsets.US_ASCII);
    int eventsAfterOneHour = 0;
    for (int minute = 1; minute <= 120; minute++) {
      for (int i = 0; i < owners.size(); i++) {
        MutableItem beat = MutableItem.sign(owners.get(i), salt, minute,
            Bencode.encode("beat " + minute));
        // Each heartbeat lives two minutes unless renewed, like a host's record.
        sim.await(nodes.get(i).put(beat, null, Duration.ofMinutes(2)), Duration.ofSeconds(30));
      }
      sim.runFor(Duration.ofMinutes(1));
      if (minute == 40) {
        eventsAfterOneHour = sim.pendingEvents();
      }
    }
    for (int i = 0; i < owners.size(); i++) {
      var got = sim.await(nodes.get(59 - i).get(owners.get(i).publicKey(), salt),
          Duration.ofSeconds(30));
      assertThat(got).hasValueSatisfying(m -> assertThat(m.seq()).isEqualTo(120));
    }
    // Timers and requests do not pile up: the queue after two hours is about the same size
    // as after forty minutes.
    assertThat(sim.pendingEvents()).isLessThan(eventsAfterOneHour * 2 + 100);
    for (DhtNode n : nodes) {
      assertThat(n.stats().storedItems()).isLessThanOrEqualTo(owners.size());
    }
    sim.close();
  }
}
