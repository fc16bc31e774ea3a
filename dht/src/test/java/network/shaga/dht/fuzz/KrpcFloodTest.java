package network.shaga.dht.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A one-second flood at 100 times the per-address limit (the full 10^5/s run is {@code shaga fuzz
 * flood}; on a busy build machine it measures the machine): the checks hold and the report counts
 * both sides; no timing is asserted.
 */
class KrpcFloodTest {
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void oneSecondFloodFromOneAddressLeavesOthersServedAndNothingLost() throws Exception {
    FloodReport report = KrpcFlood.run(20_000, Duration.ofSeconds(1), 11);

    assertThat(report.checks()).as(report.checks().toString()).allMatch(Check::passed);
    assertThat(report.floodSent()).isPositive();
    // The flooder's address exceeds the node's per-address limit at once.
    assertThat(report.nodeRateLimited()).isPositive();
    assertThat(report.legitSent()).isPositive();
    assertThat(report.latency().samples()).isEqualTo(report.legitAnswered());
    assertThat(report.guardedEntries())
        .isEqualTo(2 * KrpcFuzz.GUARDED_ITEMS + KrpcFuzz.GUARDED_INFOHASHES);
  }
}
