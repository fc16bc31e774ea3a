package network.shaga.app.ui.perf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javafx.application.Platform;

/**
 * Measures how long the JavaFX thread stays unresponsive while the app runs. A watcher thread posts a probe to the
 * FX event queue every few milliseconds and measures how long it waits to run; when the wait passes the stall
 * threshold, it samples the FX thread's stack while it is still stuck, so every stall is logged (WARNING) with what
 * the thread was doing.
 */
public final class FxWatchdog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FxWatchdog.class.getName());
    /** The responsiveness goal of the desktop app (docs/benchmarks.md): a stall is a wait longer than this. */
    public static final Duration STALL = Duration.ofMillis(50);
    private static final Duration PROBE_EVERY = Duration.ofMillis(5);
    /** After the first sample at the threshold, a long stall is sampled again this often. */
    private static final Duration RESAMPLE_EVERY = Duration.ofMillis(200);
    private static final int MAX_SAMPLES_PER_STALL = 4;
    private static final int MAX_STALLS_KEPT = 200;
    private static final int LOGGED_FRAMES = 40;
    /** JavaFX's render thread; the FX thread waits for it at the start of each pulse until the last frame is drawn. */
    private static final String RENDER_THREAD_PREFIX = "QuantumRenderer";
    private static final String WAITING_FOR_RENDERER = "PaintCollector.waitForRenderingToComplete";

    private final Executor fxQueue;
    private final String renderThreadPrefix;
    private final long stallNanos;
    private final long probeEveryNanos;
    private final DurationLog waits = new DurationLog();
    private final List<Stall> stalls = new ArrayList<>();
    private int stallCount;
    private volatile Thread fxThread;
    private Thread renderThread;
    private volatile boolean running;
    private Thread watcher;
    private long startedNanos;
    /** When the probe now in the queue was posted; -1 between probes. */
    private long waitingSince = -1;
    /** The end of the period asked for by {@link #split} while a probe was waiting; completed once it has run. */
    private CompletableFuture<Summary> splitting;

    /** A stall over the threshold: when it began (since the watchdog started), how long it lasted, and the stacks sampled during it. */
    public record Stall(double atSeconds, double millis, List<StackSample> samples) {
        public Stall {
            samples = List.copyOf(samples);
        }
    }

    /**
     * The FX thread's stack, sampled this many milliseconds into a stall. When the FX thread was waiting for the
     * previous frame to finish rendering, {@code rendererFrames} is the render thread's stack at the same moment (the
     * work that actually held the FX thread up); otherwise it is empty.
     */
    public record StackSample(double afterMillis, List<String> frames, List<String> rendererFrames) {
        public StackSample {
            frames = List.copyOf(frames);
            rendererFrames = List.copyOf(rendererFrames);
        }
    }

    /**
     * What was measured: the distribution of probe waits, how many waits passed the threshold, and the longest stalls
     * (up to ten, longest first, with their stacks).
     */
    public record Summary(Percentiles waits, double stallThresholdMillis, int stalls, List<Stall> longest) {
        public Summary {
            longest = List.copyOf(longest);
        }
    }

    /** A watchdog of the JavaFX thread, probing through {@link Platform#runLater}. */
    public static FxWatchdog ofFxThread() {
        return new FxWatchdog(Platform::runLater, STALL, PROBE_EVERY);
    }

    /** A watchdog of whatever thread runs {@code queue}'s tasks; tests use a plain executor. */
    public FxWatchdog(Executor queue, Duration stallThreshold, Duration probeEvery) {
        this(queue, stallThreshold, probeEvery, RENDER_THREAD_PREFIX);
    }

    /** As above, with the render thread found by another name (tests stand in their own). */
    FxWatchdog(Executor queue, Duration stallThreshold, Duration probeEvery, String renderThreadPrefix) {
        this.fxQueue = Objects.requireNonNull(queue);
        this.renderThreadPrefix = Objects.requireNonNull(renderThreadPrefix);
        this.stallNanos = stallThreshold.toNanos();
        this.probeEveryNanos = probeEvery.toNanos();
    }

    /**
     * Starts watching. {@code watched} is the thread that runs the queue when known (its stack can then be sampled
     * from the first stall on); otherwise it is learnt from the first probe that runs.
     */
    public synchronized FxWatchdog start(Thread watched) {
        if (running) {
            throw new IllegalStateException("the watchdog is already running");
        }
        fxThread = watched;
        running = true;
        startedNanos = System.nanoTime();
        watcher = new Thread(this::watch, "shaga-fx-watchdog");
        watcher.setDaemon(true);
        watcher.start();
        return this;
    }

    /** Stops watching (a probe still waiting is not counted) and waits briefly for the watcher to end. */
    @Override
    public void close() throws InterruptedException {
        Thread stopping;
        synchronized (this) {
            running = false;
            stopping = watcher;
        }
        if (stopping != null) {
            stopping.interrupt();
            stopping.join(TimeUnit.SECONDS.toMillis(2));
        }
        endPeriodIfSplit();
    }

    /**
     * Ends the period measured so far and starts afresh, e.g. at the end of start-up when only the app in use is of
     * interest. The summary covers every probe posted before this call: a probe still waiting began its wait in the
     * period, so the summary is complete once it has run (the returned future), or at {@link #close}.
     */
    public synchronized CompletableFuture<Summary> split() {
        if (splitting != null) {
            return splitting;
        }
        if (waitingSince < 0 || !running) {
            return CompletableFuture.completedFuture(endPeriod());
        }
        splitting = new CompletableFuture<>();
        return splitting;
    }

    private Summary endPeriod() {
        Summary ended = summary();
        waits.clear();
        stalls.clear();
        stallCount = 0;
        return ended;
    }

    private synchronized void endPeriodIfSplit() {
        if (splitting != null) {
            splitting.complete(endPeriod());
            splitting = null;
        }
    }

    /** What has been measured so far. */
    public synchronized Summary summary() {
        List<Stall> longest = stalls.stream().sorted(Comparator.comparingDouble(Stall::millis).reversed()).limit(10).toList();
        return new Summary(waits.percentiles(), stallNanos / 1e6, stallCount, longest);
    }

    private void watch() {
        while (running) {
            Probe probe = new Probe();
            long posted = posting();
            try {
                fxQueue.execute(probe);
            } catch (RuntimeException toolkitGone) {
                LOG.log(System.Logger.Level.DEBUG, "the FX thread takes no more work; the watchdog stops", toolkitGone);
                return;
            }
            List<StackSample> samples = new ArrayList<>();
            long nextSample = posted + stallNanos;
            while (running && !probe.awaitUntil(nextSample)) {
                Thread watched = fxThread;
                if (watched != null && samples.size() < MAX_SAMPLES_PER_STALL) {
                    StackTraceElement[] stack = watched.getStackTrace();
                    List<String> rendering = waitsForRenderer(stack) ? rendererFrames() : List.of();
                    samples.add(new StackSample((System.nanoTime() - posted) / 1e6, frames(stack), rendering));
                }
                nextSample += RESAMPLE_EVERY.toNanos();
            }
            if (!probe.ran()) {
                return;
            }
            fxThread = probe.thread;
            long wait = probe.ranAt - posted;
            record(posted, wait, samples);
            LockSupport.parkNanos(this, probeEveryNanos);
        }
    }

    private synchronized long posting() {
        waitingSince = System.nanoTime();
        return waitingSince;
    }

    /** Counts a probe's wait; a split asked for while it waited ends the period after it. */
    private synchronized void record(long posted, long wait, List<StackSample> samples) {
        waitingSince = -1;
        count(posted, wait, samples);
        endPeriodIfSplit();
    }

    private void count(long posted, long wait, List<StackSample> samples) {
        waits.add(wait);
        if (wait <= stallNanos) {
            return;
        }
        stallCount++;
        Stall stall = new Stall((posted - startedNanos) / 1e9, wait / 1e6, samples);
        if (stalls.size() < MAX_STALLS_KEPT) {
            stalls.add(stall);
        }
        LOG.log(System.Logger.Level.WARNING, () -> describe(stall));
    }

    private static String describe(Stall stall) {
        StringBuilder text = new StringBuilder(String.format(java.util.Locale.ROOT,
                "the JavaFX thread was blocked for %.0f ms (%.1f s after the watchdog started)", stall.millis(), stall.atSeconds()));
        if (stall.samples().isEmpty()) {
            text.append("; no stack was sampled");
        }
        for (StackSample sample : stall.samples()) {
            text.append(String.format(java.util.Locale.ROOT, "%n  its stack %.0f ms into the stall:", sample.afterMillis()));
            sample.frames().forEach(frame -> text.append("\n\tat ").append(frame));
            if (!sample.rendererFrames().isEmpty()) {
                text.append("\n  waiting for the render thread, whose stack was:");
                sample.rendererFrames().forEach(frame -> text.append("\n\tat ").append(frame));
            }
        }
        return text.toString();
    }

    private static boolean waitsForRenderer(StackTraceElement[] stack) {
        for (int i = 0; i < Math.min(LOGGED_FRAMES, stack.length); i++) {
            if ((stack[i].getClassName() + "." + stack[i].getMethodName()).endsWith(WAITING_FOR_RENDERER)) {
                return true;
            }
        }
        return false;
    }

    /** The render thread's stack; the thread is looked up once found (only the watcher thread calls this). */
    private List<String> rendererFrames() {
        if (renderThread == null) {
            renderThread = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith(renderThreadPrefix))
                    .findFirst().orElse(null);
        }
        return renderThread == null ? List.of() : frames(renderThread.getStackTrace());
    }

    private static List<String> frames(StackTraceElement[] stack) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < Math.min(LOGGED_FRAMES, stack.length); i++) {
            frames.add(stack[i].toString());
        }
        if (stack.length > LOGGED_FRAMES) {
            frames.add("... " + (stack.length - LOGGED_FRAMES) + " more");
        }
        return frames;
    }

    /** One probe: runs on the watched thread and notes when, and on which thread. */
    private static final class Probe implements Runnable {
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile long ranAt;
        private volatile Thread thread;

        @Override
        public void run() {
            ranAt = System.nanoTime();
            thread = Thread.currentThread();
            done.countDown();
        }

        boolean ran() {
            return done.getCount() == 0;
        }

        /** True once the probe ran; false when {@code deadline} (System.nanoTime) passed first or the watcher is interrupted. */
        boolean awaitUntil(long deadline) {
            try {
                long left = deadline - System.nanoTime();
                return left <= 0 ? ran() : done.await(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return ran();
            }
        }
    }
}
