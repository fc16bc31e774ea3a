package network.shaga.dht.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SimScenarioTest {

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void fiveHundredSimulatedNodesStoreFindAndSurviveLosingAThird() throws Exception {
    int threadsBefore = Thread.activeCount();
    Scenario s = Scenario.of(500).withItems(10).withLookups(100, 10)
        .withReplication(Duration.ofSeconds(30));
    ScenarioReport r = ScenarioRunner.simulated(s, LatencyModel.lan(), "sim-lan", 0);
    assertThat(r.lookupSuccess()).isEqualTo(1.0);
    assertThat(r.putAcksMin()).isGreaterThanOrEqualTo(7);
    assertThat(r.killed()).isEqualTo(167);
    assertThat(r.itemsFoundAfterKill()).isGreaterThanOrEqualTo(0.9);
    assertThat(r.itemsFoundAfterReplication()).isEqualTo(1.0);
    // Virtual LAN: lookups take a handful of sub-millisecond round trips.
    assertThat(r.lookupP50Ms()).isBetween(0.1, 10.0);
    // The simulator runs every node on the calling thread.
    assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void wanWithLossStillFindsEverything() throws Exception {
    Scenario s = Scenario.of(300).withItems(6).withLookups(60, 6).withKill(0.2);
    ScenarioReport r = ScenarioRunner.simulated(s, LatencyModel.wan(), "sim-wan", 0.02);
    assertThat(r.lookupSuccess()).isGreaterThanOrEqualTo(0.95);
    assertThat(r.itemsFoundAfterReplication()).isEqualTo(1.0);
    assertThat(r.lookupP50Ms()).isGreaterThan(40);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void sameSeedSameRun() throws Exception {
    Scenario s = Scenario.of(200).withItems(4).withLookups(40, 4).withSeed(99);
    ScenarioReport a = ScenarioRunner.simulated(s, LatencyModel.lan(), "sim-lan", 0.01);
    ScenarioReport b = ScenarioRunner.simulated(s, LatencyModel.lan(), "sim-lan", 0.01);
    assertThat(b.packetsSent()).isEqualTo(a.packetsSent());
    assertThat(b.lookupP50Ms()).isEqualTo(a.lookupP50Ms());
    assertThat(b.lookupP99Ms()).isEqualTo(a.lookupP99Ms());
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void itemsSurviveChurnThroughReplication() throws Exception {
    // A fifth of the nodes replaced per minute for three minutes: about 45 % of the original
    // nodes, and with them many of the original storers, are gone by the end.
    Scenario s = Scenario.of(300).withItems(8).withLookups(40, 8)
        .withReplication(Duration.ofSeconds(20)).withChurn(0.2, Duration.ofMinutes(3))
        .withKill(0.1);
    ScenarioReport r = ScenarioRunner.simulated(s, LatencyModel.lan(), "sim-lan", 0.005);
    assertThat(r.itemsFoundAfterChurn()).isEqualTo(1.0);
    assertThat(r.itemsFoundAfterReplication()).isEqualTo(1.0);
  }
}
