package network.shaga.dht.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A small run of the KRPC fuzz harness: every check holds and the report counts what happened. */
class KrpcFuzzTest {
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void twentyThousandFuzzedPacketsLeaveTheNodeAnsweringAndOthersEntriesAsStored()
      throws Exception {
    KrpcFuzzReport report = KrpcFuzz.run(20_000, 2026);

    assertThat(report.checks()).as(report.checks().toString()).allMatch(Check::passed);
    assertThat(report.packetsSent()).isEqualTo(20_000);
    assertThat(report.packetsReceived()).isGreaterThan(19_800);
    assertThat(report.malformed()).isGreaterThan(2_000);
    assertThat(report.hostileWrites()).isEqualTo(10L * 5 * KrpcFuzz.GUARDED_ITEMS);
    assertThat(report.guardedEntries())
        .isEqualTo(2 * KrpcFuzz.GUARDED_ITEMS + KrpcFuzz.GUARDED_INFOHASHES);
    assertThat(report.livenessPings()).isEqualTo(10);
    assertThat(report.lookups()).isEqualTo(24);
    assertThat(report.hostileAnswers()).isGreaterThan(report.lookups());
  }
}
