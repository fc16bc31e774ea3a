package network.shaga.app.ui.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOverMilliseconds() {
        long[] nanos = LongStream.rangeClosed(1, 100).map(ms -> ms * 1_000_000).toArray();
        assertThat(Percentiles.ofNanos(nanos)).isEqualTo(new Percentiles(100, 50, 95, 99, 100));
    }

    @Test
    void orderOfSamplesDoesNotMatterAndOneSampleIsEveryPercentile() {
        assertThat(Percentiles.ofNanos(new long[] {3_000_000, 1_000_000, 2_000_000}).p50()).isEqualTo(2);
        assertThat(Percentiles.ofNanos(new long[] {16_700_000})).isEqualTo(new Percentiles(1, 16.7, 16.7, 16.7, 16.7));
    }

    @Test
    void nothingMeasuredIsAllZero() {
        assertThat(Percentiles.ofNanos(new long[0])).isEqualTo(new Percentiles(0, 0, 0, 0, 0));
    }
}
