package network.shaga.dht.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Small runs of the churn and fault harness: every field is filled in and sane, and the faults do
 * what they claim (virtual time only; no wall-clock timing is asserted).
 */
class ChurnRunnerTest {

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void churnReplacesNodesAtTheSteadyStateRateAndKeepsDataReachable() throws Exception {
    // Mean session 10 minutes: over a 10-minute window about as many departures as nodes.
    ChurnScenario s = ChurnScenario.of(300).withStore(20, 30).withLookups(100)
        .withChurn(6, "pareto").withWindow(Duration.ofMinutes(10))
        .withReplication(Duration.ofMinutes(1));
    ChurnReport r = ChurnRunner.simulated(s, LatencyModel.lan(), "sim-lan");
    assertThat(r.nodesReplaced()).isBetween(150, 450);
    assertThat(r.sessions()).isEqualTo("pareto(1.5)");
    assertThat(r.lookups()).isBetween(80, 100);
    assertThat(r.lookupSuccess()).isGreaterThanOrEqualTo(0.95);
    assertThat(r.lookup().p50()).isPositive().isLessThanOrEqualTo(r.lookup().p95());
    assertThat(r.itemsRetrievable()).isEqualTo(1.0);
    assertThat(r.peersRetrievable()).isGreaterThanOrEqualTo(0.9);
    // 20 items and 30 peers on about K = 8 nodes each, spread over 300 nodes.
    assertThat(r.storage().total().mean()).isBetween(0.5, 10.0);
    assertThat(r.storage().total().max()).isGreaterThanOrEqualTo(r.storage().total().mean());
    assertThat(r.packetsPerNodeMinute().mean()).isPositive();
    assertThat(r.bytesPerNodeMinute().mean()).isGreaterThan(r.packetsPerNodeMinute().mean() * 20);
    assertThat(r.fault()).isNull();
    assertThat(r.virtualMinutes()).isGreaterThan(10);
  }
}
