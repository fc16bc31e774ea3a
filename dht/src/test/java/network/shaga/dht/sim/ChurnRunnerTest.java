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

  private static ChurnScenario small(int nodes) {
    return ChurnScenario.of(nodes).withStore(20, 20).withLookups(40)
        .withWarmup(Duration.ZERO).withWindow(Duration.ofMinutes(1))
        .withRecovery(Duration.ofMinutes(1));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void churnReplacesNodesAtTheSteadyStateRateAndKeepsDataReachable() throws Exception {
    // Mean session 10 minutes: over a 10-minute window about as many departures as nodes.
    ChurnScenario s = ChurnScenario.of(300).withStore(20, 30).withLookups(100)
        .withChurn(6, "pareto").withWarmup(Duration.ofMinutes(1))
        .withWindow(Duration.ofMinutes(10)).withReplication(Duration.ofMinutes(1));
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
    assertThat(r.packetsPerNodeMinute().max())
        .isGreaterThanOrEqualTo(r.packetsPerNodeMinute().p99());
    assertThat(r.bytesPerNodeMinute().mean()).isGreaterThan(r.packetsPerNodeMinute().mean() * 20);
    assertThat(r.fault()).isNull();
    assertThat(r.virtualMinutes()).isGreaterThan(11);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void withoutChurnNobodyLeaves() throws Exception {
    ChurnReport r = ChurnRunner.simulated(small(100), LatencyModel.lan(), "sim-lan");
    assertThat(r.nodesReplaced()).isZero();
    assertThat(r.sessions()).isEqualTo("none");
    assertThat(r.lookupSuccess()).isEqualTo(1.0);
    assertThat(r.lookups()).isEqualTo(40);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void killingHalfLosesItemsStoredOnceButNotItemsStoredOnK() throws Exception {
    // K = 1: each item lives on one node and is never re-replicated in time; half the nodes die.
    ChurnScenario once = small(200).withK(1).withStore(60, 0)
        .withReplication(Duration.ofHours(3)).withFault(new Fault.Kill(0.5));
    ChurnReport lost = ChurnRunner.simulated(once, LatencyModel.lan(), "sim-lan");
    assertThat(lost.fault().affected()).isEqualTo(100);
    assertThat(lost.fault().survivalAfterRecovery()).isLessThan(lost.itemsRetrievable())
        .isLessThan(0.9);
    assertThat(lost.fault().success()).isLessThan(1.0);
    assertThat(lost.fault().recoverySeconds()).isEqualTo(-1);

    ChurnScenario onK = small(200).withStore(60, 0).withFault(new Fault.Kill(0.5));
    ChurnReport kept = ChurnRunner.simulated(onK, LatencyModel.lan(), "sim-lan");
    assertThat(kept.fault().survivalAfterRecovery()).isEqualTo(1.0);
    assertThat(kept.fault().curve()).isNotEmpty();
    assertThat(kept.fault().curve().get(0).seconds()).isZero();
    assertThat(kept.fault().recoverySeconds()).isBetween(0.0, 60.0);
    assertThat(kept.fault().fallbackSuccess()).isNaN();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aPartitionHidesTheOtherSidesNewItemsUntilItHeals() throws Exception {
    ChurnScenario s = small(300).withLoss(0.01)
        .withFault(new Fault.Partition(0.5, Duration.ofSeconds(120)));
    ChurnReport r = ChurnRunner.simulated(s, LatencyModel.wan(), "sim-wan");
    ChurnReport.FaultReport f = r.fault();
    assertThat(f.affected()).isBetween(100, 200);
    // Items published on one side during the cut are invisible from the other side ...
    assertThat(f.success()).isLessThan(0.2);
    assertThat(f.sameSideSuccess()).isGreaterThanOrEqualTo(0.95);
    // ... while items stored before the cut still have replicas on both sides.
    assertThat(f.fallbackSuccess()).isGreaterThanOrEqualTo(0.9);
    assertThat(f.partitionedSeconds()).isGreaterThanOrEqualTo(120);
    assertThat(f.recoverySeconds()).isBetween(0.0, 60.0);
    assertThat(f.curve().get(f.curve().size() - 1).success()).isGreaterThanOrEqualTo(0.99);
    assertThat(f.survivalAfterRecovery()).isGreaterThanOrEqualTo(0.99);
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void theHalvesOfALongPartitionFindEachOtherSoonAfterItHeals() throws Exception {
    // In 30 minutes each side forgets the other; silent contacts asked again bring them back.
    ChurnScenario s = small(300).withStore(20, 0).withRecovery(Duration.ofMinutes(5))
        .withFault(new Fault.Partition(0.5, Duration.ofMinutes(30)));
    ChurnReport.FaultReport f = ChurnRunner.simulated(s, LatencyModel.lan(), "sim-lan").fault();
    assertThat(f.success()).isLessThan(0.2);
    assertThat(f.recoverySeconds()).isBetween(0.0, 120.0);
    assertThat(f.survivalAfterRecovery()).isEqualTo(1.0);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void sameSeedSameRun() throws Exception {
    ChurnScenario s = small(150).withChurn(6, "weibull").withLoss(0.02);
    ChurnReport a = ChurnRunner.simulated(s, LatencyModel.wan(), "sim-wan");
    ChurnReport b = ChurnRunner.simulated(s, LatencyModel.wan(), "sim-wan");
    assertThat(b.lookup()).isEqualTo(a.lookup());
    assertThat(b.nodesReplaced()).isEqualTo(a.nodesReplaced());
    assertThat(b.packetsPerNodeMinute()).isEqualTo(a.packetsPerNodeMinute());
    assertThat(b.storage()).isEqualTo(a.storage());
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void theFaultMatrixRunsEveryCell() throws Exception {
    ChurnScenario base = small(120).withStore(10, 10).withLookups(20);
    java.util.List<String> seen = new java.util.ArrayList<>();
    java.util.List<FaultMatrix.Cell> cells = FaultMatrix.run(base, Duration.ofSeconds(60),
        LatencyModel.lan(), "sim-lan", c -> seen.add(c.name()));
    assertThat(seen).containsExactly("kill 10%", "kill 33%", "kill 50%",
        "partition 50/50, heal after 60 s", "loss 1%", "loss 5%", "loss 20%");
    assertThat(cells).hasSize(7);
    assertThat(cells.get(2).report().fault().affected()).isEqualTo(60);
    assertThat(cells.get(6).report().loss()).isEqualTo(0.20);
    assertThat(cells.get(6).report().fault()).isNull();
    for (FaultMatrix.Cell c : cells) {
      assertThat(c.report().lookupSuccess()).as(c.name()).isGreaterThan(0.5);
    }
  }
}
