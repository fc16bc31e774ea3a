package network.shaga.app.ui.perf;

import java.util.Arrays;

/** A growing, thread-safe list of durations in nanoseconds, bounded so a forgotten recorder cannot eat the heap. */
final class DurationLog {
    /** About 8 MB: a day of one sample every 10 ms would not fit, an hour does. */
    private static final int MAX_SAMPLES = 1 << 20;

    private long[] samples = new long[1024];
    private int size;
    private long dropped;

    synchronized void add(long nanos) {
        if (size == MAX_SAMPLES) {
            dropped++;
            return;
        }
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, Math.min(MAX_SAMPLES, samples.length * 2));
        }
        samples[size++] = nanos;
    }

    synchronized long[] toArray() {
        return Arrays.copyOf(samples, size);
    }

    synchronized int size() {
        return size;
    }

    /** Samples not kept because the log was full. */
    synchronized long dropped() {
        return dropped;
    }

    synchronized void clear() {
        size = 0;
        dropped = 0;
    }

    Percentiles percentiles() {
        return Percentiles.ofNanos(toArray());
    }
}
