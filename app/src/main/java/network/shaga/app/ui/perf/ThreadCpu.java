package network.shaga.app.ui.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time used by the JavaFX application thread and the Prism render thread. Unlike wall-clock frame times it
 * barely changes when other processes load the machine, so it tells whether a change made the UI cheaper.
 */
final class ThreadCpu {
    private static final String FX_THREAD = "JavaFX Application Thread";
    private static final String RENDER_THREAD = "QuantumRenderer-0";

    /** CPU nanoseconds of both threads so far (-1 where the JVM cannot tell). */
    record Snapshot(long fxNanos, long renderNanos) {
    }

    private ThreadCpu() {
    }

    static Snapshot now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            return new Snapshot(-1, -1);
        }
        long fx = -1;
        long render = -1;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            if (info.getThreadName().equals(FX_THREAD)) {
                fx = threads.getThreadCpuTime(info.getThreadId());
            } else if (info.getThreadName().equals(RENDER_THREAD)) {
                render = threads.getThreadCpuTime(info.getThreadId());
            }
        }
        return new Snapshot(fx, render);
    }

    /** Milliseconds of CPU per frame between two snapshots, or -1 if unknown. */
    static double perFrameMillis(long before, long after, int frames) {
        return before < 0 || after < 0 || frames <= 0 ? -1 : Math.round((after - before) / 1e4 / frames) / 100.0;
    }
}
