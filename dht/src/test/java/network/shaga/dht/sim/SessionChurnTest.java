package network.shaga.dht.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import network.shaga.dht.DhtNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Session churn on the simulator: only the nodes handed to it leave, each is replaced, listeners hear both. */
class SessionChurnTest {

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void onlyChurningNodesLeaveAndEachIsReplacedByAFreshNode() throws Exception {
    Random random = new Random(3);
    Scenario settings = Scenario.of(60).withSeed(3);
    try (SimDriver driver = SimDriver.simulated(new SimNetwork(LatencyModel.lan(), 0, 3),
        Duration.ofSeconds(30))) {
      List<DhtNode> nodes = ScenarioRunner.startNodes(settings, driver, random);
      List<DhtNode> stay = nodes.subList(0, 20);
      List<DhtNode> churning = nodes.subList(20, nodes.size());
      LiveNodes live = new LiveNodes(random);
      churning.forEach(live::add);
      List<DhtNode> joined = new ArrayList<>();
      List<DhtNode> left = new ArrayList<>();
      // Mean session 10 minutes: over 20 minutes most of the 40 churning nodes leave at least once.
      SessionChurn churn = new SessionChurn(driver, random,
          SessionLengths.named("exponential", Duration.ofMinutes(10)), settings, live)
          .listen(new SessionChurn.Listener() {
            @Override
            public void joined(DhtNode node, long now) {
              joined.add(node);
            }

            @Override
            public void left(DhtNode node, long now) {
              left.add(node);
            }
          });
      churn.start(churning);
      driver.pass(Duration.ofMinutes(20));

      assertThat(churn.replaced()).isBetween(20, 200);
      assertThat(left).hasSize(churn.replaced());
      assertThat(joined).hasSize(churn.replaced());
      assertThat(live.size()).isBetween(churning.size() - 3, churning.size());
      for (DhtNode n : stay) {
        assertThat(churn.departedAt(n)).isEmpty();
        assertThat(left).doesNotContain(n);
      }
      for (DhtNode n : left) {
        assertThat(churn.departedAt(n)).isPresent();
        assertThat(live.contains(n)).isFalse();
      }
      // Newcomers have their own addresses and ids, and found their way into the network.
      DhtNode newcomer = joined.get(0);
      assertThat(newcomer.localAddress().getAddress().getAddress()[0]).isEqualTo((byte) 11);
      assertThat(nodes).doesNotContain(newcomer);
      assertThat(newcomer.stats().packetsIn()).isPositive();
      for (DhtNode n : live.all()) {
        n.close();
      }
      stay.forEach(DhtNode::close);
    }
  }
}
