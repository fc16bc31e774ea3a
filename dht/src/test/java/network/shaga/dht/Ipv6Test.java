package network.shaga.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import network.shaga.dht.transport.UdpNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** BEP 32 in practice: nodes on the IPv6 loopback find each other through {@code nodes6}. */
class Ipv6Test {

  private static boolean ipv6Loopback() {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("::1", 0))) {
      return true;
    } catch (SocketException e) {
      return false;
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void ipv6NodesStoreAndFindItems() throws Exception {
    assumeTrue(ipv6Loopback(), "no IPv6 loopback on this machine");
    InetAddress v6 = InetAddress.getByName("::1");
    List<DhtNode> nodes = new ArrayList<>();
    UdpNetwork network = UdpNetwork.create(1);
    try {
      for (int i = 0; i < 20; i++) {
        List<InetSocketAddress> boot = nodes.isEmpty() ? List.of()
            : List.of(nodes.get(0).localAddress(), nodes.get(nodes.size() - 1).localAddress());
        DhtNode node = DhtNode.create(
            LocalSwarm.testConfig().bindAddress(v6).bootstrap(boot).build(), network);
        node.start().get(5, TimeUnit.SECONDS);
        nodes.add(node);
      }
      assertThat(nodes.get(19).localAddress().getAddress()).isEqualTo(v6);
      assertThat(nodes.get(0).stats().routingTableSize()).isGreaterThan(8);
      byte[] value = Bencode.encode("over IPv6");
      StoreResult r = nodes.get(3).putImmutable(value).get(10, TimeUnit.SECONDS);
      assertThat(r.acks()).isGreaterThanOrEqualTo(6);
      assertThat(nodes.get(17).getImmutable(r.target().toBytes()).get(10, TimeUnit.SECONDS))
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
    } finally {
      nodes.forEach(DhtNode::close);
      network.close();
    }
  }
}
