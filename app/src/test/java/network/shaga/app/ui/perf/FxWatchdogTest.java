package network.shaga.app.ui.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The watchdog over a plain single-thread executor standing in for the FX thread. */
@Timeout(30)
class FxWatchdogTest {
    private final ExecutorService uiThread = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "fake-fx"));
    /** One permit per probe posted through {@link #countingPosts}. */
    private final Semaphore posts = new Semaphore(0);
    private final Executor countingPosts = task -> {
        posts.release();
        uiThread.execute(task);
    };

    @AfterEach
    void stop() throws InterruptedException {
        uiThread.shutdownNow();
        uiThread.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aBlockedThreadIsCountedAsAStallWithTheStackItWasStuckIn() throws Exception {
        FxWatchdog watchdog = watchedWhile(new FxWatchdog(uiThread, Duration.ofMillis(50), Duration.ofMillis(5)),
                FxWatchdogTest::slowWorkOnTheUiThread);

        FxWatchdog.Summary summary = watchdog.summary();
        assertThat(summary.stalls()).isGreaterThanOrEqualTo(1);
        assertThat(summary.waits().max()).isGreaterThanOrEqualTo(250);
        FxWatchdog.Stall longest = summary.longest().get(0);
        assertThat(longest.millis()).isCloseTo(summary.waits().max(), org.assertj.core.api.Assertions.within(0.01));
        assertThat(longest.samples()).isNotEmpty();
        assertThat(longest.samples().get(0).afterMillis()).isBetween(50.0, 300.0);
        assertThat(longest.samples().get(0).frames()).anyMatch(frame -> frame.contains("slowWorkOnTheUiThread"));
    }

    @Test
    void aThreadWaitingForTheRendererIsSampledTogetherWithTheRenderThread() throws Exception {
        CountDownLatch frameDrawn = new CountDownLatch(1);
        Thread renderer = new Thread(() -> {
            drawASlowFrame();
            frameDrawn.countDown();
        }, "fake-renderer");
        FxWatchdog watchdog = watchedWhile(new FxWatchdog(uiThread, Duration.ofMillis(50), Duration.ofMillis(5), "fake-renderer"), () -> {
            renderer.start();
            PaintCollector.waitForRenderingToComplete(frameDrawn);
        });
        renderer.join();

        FxWatchdog.StackSample sample = watchdog.summary().longest().get(0).samples().get(0);
        assertThat(sample.frames()).anyMatch(frame -> frame.contains("waitForRenderingToComplete"));
        assertThat(sample.rendererFrames()).anyMatch(frame -> frame.contains("drawASlowFrame"));
    }

    @Test
    void aStallOutsideRenderingHasNoRendererStack() throws Exception {
        FxWatchdog watchdog = watchedWhile(new FxWatchdog(uiThread, Duration.ofMillis(50), Duration.ofMillis(5)),
                FxWatchdogTest::slowWorkOnTheUiThread);

        assertThat(watchdog.summary().longest().get(0).samples()).allMatch(sample -> sample.rendererFrames().isEmpty());
    }

    /** Named like JavaFX's class whose method the FX thread waits in while the render thread finishes a frame. */
    private static final class PaintCollector {
        static void waitForRenderingToComplete(CountDownLatch frameDrawn) {
            try {
                frameDrawn.await();
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void drawASlowFrame() {
        slowWorkOnTheUiThread();
    }

    @Test
    void aSplitEndsThePeriodAndStartsAfresh() throws Exception {
        FxWatchdog watchdog = new FxWatchdog(uiThread, Duration.ofMillis(50), Duration.ofMillis(5));
        watchdog.start(null);
        waitForProbes(watchdog, 5);
        FxWatchdog.Summary ended = watchdog.split().get(5, TimeUnit.SECONDS);
        assertThat(ended.waits().count()).isGreaterThanOrEqualTo(5);
        assertThat(watchdog.summary().waits().count()).isLessThan(5);
        watchdog.close();
        int afterClose = watchdog.summary().waits().count();
        Thread.sleep(50);
        assertThat(watchdog.summary().waits().count()).as("no probes after close").isEqualTo(afterClose);
    }

    @Test
    void aProbeWaitingAcrossASplitCountsInThePeriodItBeganIn() throws Exception {
        FxWatchdog watchdog = startedOverCountingPosts();
        CountDownLatch release = blockUntilAProbeWaits();
        Thread.sleep(80);

        CompletableFuture<FxWatchdog.Summary> ended = watchdog.split();
        assertThat(ended).as("the period ends once the waiting probe has run").isNotDone();
        release.countDown();
        FxWatchdog.Summary before = ended.get(5, TimeUnit.SECONDS);
        assertThat(before.stalls()).isEqualTo(1);
        assertThat(before.waits().max()).isGreaterThanOrEqualTo(80);
        waitForProbes(watchdog, 3);
        watchdog.close();
        assertThat(watchdog.summary().stalls()).as("the stall is not counted again after the split").isZero();
    }

    @Test
    void aSplitWaitingForAProbeEndsAtCloseIfTheProbeNeverRuns() throws Exception {
        FxWatchdog watchdog = startedOverCountingPosts();
        CountDownLatch release = blockUntilAProbeWaits();
        CompletableFuture<FxWatchdog.Summary> ended = watchdog.split();
        assertThat(ended).isNotDone();
        watchdog.close();
        assertThat(ended).isCompleted();
        assertThat(ended.get().waits().count()).isGreaterThanOrEqualTo(3);
        release.countDown();
    }

    @Test
    void aWatchdogStartsOnce() throws Exception {
        FxWatchdog watchdog = new FxWatchdog(uiThread, Duration.ofMillis(50), Duration.ofMillis(5)).start(null);
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> watchdog.start(null)).isInstanceOf(IllegalStateException.class);
        } finally {
            watchdog.close();
        }
    }

    /** Starts {@code watchdog}, runs {@code work} on the UI thread between probes, and closes the watchdog. */
    private FxWatchdog watchedWhile(FxWatchdog watchdog, Runnable work) throws Exception {
        watchdog.start(null);
        waitForProbes(watchdog, 3);
        uiThread.submit(work).get();
        waitForProbes(watchdog, watchdog.summary().waits().count() + 3);
        watchdog.close();
        return watchdog;
    }

    /** A watchdog over {@link #countingPosts}, started, after its first three probes. */
    private FxWatchdog startedOverCountingPosts() throws InterruptedException {
        FxWatchdog watchdog = new FxWatchdog(countingPosts, Duration.ofMillis(50), Duration.ofMillis(5));
        watchdog.start(null);
        waitForProbes(watchdog, 3);
        return watchdog;
    }

    /** Blocks the UI thread until the returned latch is released, once a probe is queued behind the blocking task. */
    private CountDownLatch blockUntilAProbeWaits() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        uiThread.execute(() -> awaitQuietly(release));
        posts.drainPermits();
        assertThat(posts.tryAcquire(5, TimeUnit.SECONDS)).as("a probe queued behind the blocked thread").isTrue();
        return release;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    private static void slowWorkOnTheUiThread() {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    private static void waitForProbes(FxWatchdog watchdog, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (watchdog.summary().waits().count() < count && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(watchdog.summary().waits().count()).isGreaterThanOrEqualTo(count);
    }
}
