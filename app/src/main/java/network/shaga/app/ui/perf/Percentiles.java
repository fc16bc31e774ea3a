package network.shaga.app.ui.perf;

import java.util.Arrays;

/**
 * A latency distribution in milliseconds: how many samples, the median, the 95th and 99th percentiles (nearest rank)
 * and the maximum. All zero when nothing was measured.
 */
public record Percentiles(int count, double p50, double p95, double p99, double max) {

    /** The distribution of these durations, in nanoseconds. */
    public static Percentiles ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.95)), millis(rank(sorted, 0.99)),
                millis(sorted[sorted.length - 1]));
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
