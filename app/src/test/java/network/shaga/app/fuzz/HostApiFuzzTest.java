package network.shaga.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import network.shaga.dht.fuzz.Check;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A small run of the host-API fuzz harness: every check holds and every kind of attack was sent and answered. */
@Timeout(120)
class HostApiFuzzTest {
    @Test
    void twoThousandFuzzedRequestsLeaveTheHostAnsweringAndItsSessionsAsTheyWere() throws Exception {
        HostApiFuzzReport report = HostApiFuzz.run(2_000, 2026, 4);

        assertThat(report.checks()).as(report.checks().toString()).allMatch(Check::passed);
        assertThat(report.byKind().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2_000);
        assertThat(report.byKind()).allSatisfy((kind, count) -> assertThat(count).as(kind).isPositive());
        assertThat(report.byStatus()).containsKeys(401, 409);
        assertThat(report.livenessProbes()).isEqualTo(10);
    }
}
