package network.shaga.dht.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import network.shaga.dht.transport.Endpoint;
import network.shaga.dht.transport.Scheduler;
import org.junit.jupiter.api.Test;

class SimNetworkPartitionTest {
  private final SimNetwork sim = new SimNetwork(LatencyModel.fixed(Duration.ofMillis(10)), 0, 1);
  private final List<String> received = new ArrayList<>();

  private Endpoint bind(String name) throws Exception {
    Scheduler s = sim.newScheduler();
    return sim.bind(new InetSocketAddress(0), s, (from, data) -> received.add(name));
  }

  @Test
  void nothingCrossesTheCutUntilItHeals() throws Exception {
    Endpoint a1 = bind("a1");
    Endpoint a2 = bind("a2");
    Endpoint b = bind("b");
    InetSocketAddress sideA1 = a1.localAddress();
    InetSocketAddress sideA2 = a2.localAddress();
    sim.partition(addr -> addr.equals(sideA1) || addr.equals(sideA2));
    assertThat(sim.partitioned()).isTrue();
    a1.send(b.localAddress(), new byte[] {1});
    b.send(a2.localAddress(), new byte[] {2});
    a1.send(a2.localAddress(), new byte[] {3});
    sim.runFor(Duration.ofSeconds(1));
    assertThat(received).containsExactly("a2");
    assertThat(sim.droppedAtCut()).isEqualTo(2);

    // A datagram in flight when the cut comes is lost too.
    sim.heal();
    a1.send(b.localAddress(), new byte[] {4});
    sim.partition(addr -> addr.equals(sideA1));
    sim.runFor(Duration.ofSeconds(1));
    assertThat(received).containsExactly("a2");
    assertThat(sim.droppedAtCut()).isEqualTo(3);

    sim.heal();
    a1.send(b.localAddress(), new byte[] {5});
    sim.runFor(Duration.ofSeconds(1));
    assertThat(received).containsExactly("a2", "b");
  }

  @Test
  void lossCanChangeDuringARun() throws Exception {
    Endpoint a = bind("a");
    Endpoint b = bind("b");
    sim.setLoss(0.5);
    for (int i = 0; i < 1000; i++) {
      a.send(b.localAddress(), new byte[] {1});
    }
    sim.runFor(Duration.ofSeconds(1));
    assertThat(received.size()).isBetween(400, 600);
    assertThatThrownBy(() -> sim.setLoss(1)).isInstanceOf(IllegalArgumentException.class);
  }
}
