package network.shaga.app.ui.perf;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import network.shaga.app.directory.GeoBox;
import network.shaga.app.directory.HostListing;
import network.shaga.app.ui.DesktopApp;
import network.shaga.app.ui.FxThread;
import network.shaga.app.ui.map.GeoBounds;
import network.shaga.app.ui.map.WorldMap;
import network.shaga.app.ui.play.HostSearch;
import network.shaga.app.ui.play.PlayController;

/**
 * The desktop app's UI benchmark: opens the Play screen in a window over a synthetic world of many hosts, measures
 * the cold start to the first frame with map tiles and to all markers shown, then flies a scripted pan and zoom
 * while recording frame times and FX-thread stalls. The Play screen, its model, the map and its marker layer are
 * the app's own; only the directory is replaced by {@link SyntheticHosts}.
 */
public final class UiBench {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /**
     * What to run: how many hosts, how long to pan and zoom, the world's seed, the window size, and whether the path
     * zooms smoothly through fractional levels instead of by whole levels as the map's wheel and buttons do.
     */
    public record Settings(int markers, Duration duration, long seed, int width, int height, boolean smoothZoom) {
        public Settings {
            if (markers < 1 || markers > 100_000) {
                throw new IllegalArgumentException("markers must be 1..100000");
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("the run needs a positive duration");
            }
        }

        /** Zooming by whole levels, as the map does. */
        public Settings(int markers, Duration duration, long seed, int width, int height) {
            this(markers, duration, seed, width, height, false);
        }
    }

    /**
     * What was measured. Times since JVM start are wall-clock milliseconds from the JVM's start
     * ({@code RuntimeMXBean.getStartTime}); frame times and stalls cover the pan and zoom only, start-up stalls are
     * reported apart.
     *
     * @param firstFrameMs JVM start to the first frame that showed basemap tiles
     * @param syntheticWorldMs building and signing the synthetic host records, started after the first map frame
     * @param markersShownMs JVM start to the first frame after every host in view was on the map (includes
     *     {@code syntheticWorldMs})
     * @param markersInView hosts in the first view, all of them on the map
     * @param symbolsOnScreen marker and bubble symbols drawn at the end of the run
     * @param searches directory searches the Play screen ran during the pan and zoom
     * @param startupStalls FX-thread stalls from toolkit start to all markers shown
     * @param frames frame times during the pan and zoom
     * @param stalls FX-thread stalls during the pan and zoom
     * @param fxCpuPerFrameMs CPU time of the FX thread per frame during the pan and zoom (-1: unknown)
     * @param renderCpuPerFrameMs CPU time of the render thread per frame during the pan and zoom (-1: unknown)
     * @param timeline the pan and zoom second by second, to tell which part of the path the slow frames belong to
     */
    public record Result(Settings settings, String pipeline, String platform, long firstFrameMs, long syntheticWorldMs, long markersShownMs,
            int markersInView, int symbolsOnScreen, int searches, FxWatchdog.Summary startupStalls, Percentiles frames,
            FxWatchdog.Summary stalls, double fxCpuPerFrameMs, double renderCpuPerFrameMs, List<Second> timeline) {
    }

    /**
     * One second of the pan and zoom.
     *
     * @param slowFrames frames longer than {@link #SLOW_FRAME_MS}
     * @param fxCpuMs CPU time of the FX thread in that second (-1: unknown)
     * @param renderCpuMs CPU time of the render thread in that second (-1: unknown)
     */
    public record Second(int second, int frames, int slowFrames, double fxCpuMs, double renderCpuMs) {
    }

    /** A frame longer than this misses the 20 ms goal of docs/benchmarks.md. */
    public static final double SLOW_FRAME_MS = 20;

    private UiBench() {
    }

    /** Starts the JavaFX toolkit if nobody has (the command line); tests start it through TestFX. */
    public static void startToolkit() throws InterruptedException {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        Platform.setImplicitExit(false);
        started.await();
    }

    /** Stops the toolkit started by {@link #startToolkit()}. */
    public static void stopToolkit() {
        Platform.exit();
    }

    /** Runs the benchmark on the running toolkit; blocks the calling thread (never the FX thread) for the run. */
    public static Result run(Settings settings) throws InterruptedException, TimeoutException {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        ExecutorService io = Executors.newFixedThreadPool(4, daemon("shaga-bench-io"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("shaga-bench-timer"));
        // The synthetic records are built (and signed, about 2 ms of CPU each) only once the first map frame is on
        // screen, so that the cold start is not measured on a CPU busy with work the real app never does.
        CompletableFuture<SyntheticHosts> world = new CompletableFuture<>();
        AtomicInteger searches = new AtomicInteger();
        HostSearch counted = (area, onHost) -> {
            searches.incrementAndGet();
            return world.thenCompose(hosts -> hosts.query(area, onHost));
        };
        FxWatchdog watchdog = FxWatchdog.ofFxThread();
        FrameTimes frames = new FrameTimes();
        Stage[] stage = new Stage[1];
        try {
            Window window = onFx(() -> {
                watchdog.start(Thread.currentThread());
                PlayController play = PlayController.browseOnly(counted, new FxThread(), timer, io);
                Scene scene = new Scene(play.view(), settings.width(), settings.height());
                scene.getStylesheets().add(Objects.requireNonNull(DesktopApp.class.getResource("shaga.css")).toExternalForm());
                FirstMapFrame firstFrame = FirstMapFrame.watch(scene);
                stage[0] = new Stage();
                stage[0].setTitle("Shaga — UI benchmark");
                stage[0].setScene(scene);
                stage[0].show();
                play.start();
                return new Window(play.map(), scene, firstFrame);
            });
            long firstFrame = window.firstFrame().tilesShown().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long building = System.nanoTime();
            world.complete(SyntheticHosts.generate(settings.markers(), settings.seed(), io));
            List<HostListing> all = world.join().all().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long builtMs = (System.nanoTime() - building) / 1_000_000;
            int inView = waitForAllMarkers(window.map(), all);
            long markersShown = nextPulse().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            FxWatchdog.Summary startup = watchdog.split().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

            searches.set(0);
            onFx(() -> {
                frames.start();
                return null;
            });
            ThreadCpu.Snapshot cpuBefore = ThreadCpu.now();
            List<ThreadCpu.Snapshot> cpuEachSecond = new java.util.concurrent.CopyOnWriteArrayList<>(List.of(cpuBefore));
            ScheduledFuture<?> sampler = timer.scheduleAtFixedRate(() -> cpuEachSecond.add(ThreadCpu.now()), 1, 1, TimeUnit.SECONDS);
            fly(window.map(), settings.duration(), settings.smoothZoom() ? PanZoomScript.Zoom.SMOOTH : PanZoomScript.Zoom.WHEEL);
            sampler.cancel(false);
            ThreadCpu.Snapshot cpuAfter = ThreadCpu.now();
            Percentiles frameTimes = onFx(() -> {
                frames.stop();
                return frames.percentiles();
            });
            List<FrameTimes.Second> frameSeconds = onFx(() -> frames.perSecond(SLOW_FRAME_MS));
            FxWatchdog.Summary stalls = watchdog.summary();
            int symbols = onFx(() -> symbolsOnScreen(window.scene().getRoot()));
            return new Result(settings, Toolkit.pipeline(), Toolkit.platform(), firstFrame - jvmStart, builtMs, markersShown - jvmStart, inView,
                    symbols, searches.get(), startup, frameTimes, stalls,
                    ThreadCpu.perFrameMillis(cpuBefore.fxNanos(), cpuAfter.fxNanos(), frameTimes.count()),
                    ThreadCpu.perFrameMillis(cpuBefore.renderNanos(), cpuAfter.renderNanos(), frameTimes.count()),
                    timeline(frameSeconds, cpuEachSecond));
        } catch (ExecutionException e) {
            throw new IllegalStateException("the UI benchmark failed: " + e.getCause(), e.getCause());
        } finally {
            watchdog.close();
            Platform.runLater(() -> {
                if (stage[0] != null) {
                    stage[0].close();
                }
            });
            timer.shutdownNow();
            io.shutdownNow();
        }
    }

    private record Window(WorldMap map, Scene scene, FirstMapFrame firstFrame) {
    }

    /** Frames per second joined with the CPU snapshots taken once a second from the start of the pan and zoom. */
    static List<Second> timeline(List<FrameTimes.Second> frames, List<ThreadCpu.Snapshot> cpu) {
        List<Second> out = new java.util.ArrayList<>(frames.size());
        for (FrameTimes.Second f : frames) {
            int s = f.second();
            boolean known = s + 1 < cpu.size();
            out.add(new Second(s, f.frames(), f.slow(),
                    known ? ThreadCpu.perFrameMillis(cpu.get(s).fxNanos(), cpu.get(s + 1).fxNanos(), 1) : -1,
                    known ? ThreadCpu.perFrameMillis(cpu.get(s).renderNanos(), cpu.get(s + 1).renderNanos(), 1) : -1));
        }
        return out;
    }

    /** Waits until every host in the map's first view is on the map; returns how many that is. */
    private static int waitForAllMarkers(WorldMap map, List<HostListing> all) throws InterruptedException, TimeoutException,
            ExecutionException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            int[] counts = onFx(() -> {
                GeoBounds b = map.visibleBounds();
                GeoBox area = new GeoBox(b.south(), b.west(), b.north(), b.east());
                int expected = (int) all.stream().filter(listing -> area.contains(listing.record().location())).count();
                return new int[] {expected, map.markers().size()};
            });
            if (counts[0] > 0 && counts[0] == counts[1]) {
                return counts[0];
            }
            Thread.sleep(5);
        }
        throw new TimeoutException("the hosts in view did not all reach the map within " + START_TIMEOUT.toSeconds() + " s");
    }

    /** Pans and zooms the map along {@link PanZoomScript}, one step per pulse, for {@code duration}. */
    private static void fly(WorldMap map, Duration duration, PanZoomScript.Zoom zoom) throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AnimationTimer pilot = new AnimationTimer() {
            private long start = -1;
            private PanZoomScript.Camera applied;

            @Override
            public void handle(long now) {
                if (start < 0) {
                    start = now;
                }
                double seconds = (now - start) / 1e9;
                if (seconds >= duration.toNanos() / 1e9) {
                    stop();
                    done.complete(null);
                    return;
                }
                PanZoomScript.Camera camera = PanZoomScript.at(seconds, zoom);
                // Only moves: re-applying the same camera would nudge the map every frame, and the Play screen, which
                // searches once the map has been still for a moment, would never search during the pauses.
                if (!camera.equals(applied)) {
                    applied = camera;
                    map.centerOn(camera.latitude(), camera.longitude(), camera.zoom());
                }
            }
        };
        onFx(() -> {
            pilot.start();
            return null;
        });
        done.get(duration.toMillis() + START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Completes with the wall-clock time of the next pulse, i.e. once the current scene has been rendered. */
    private static CompletableFuture<Long> nextPulse() {
        CompletableFuture<Long> pulse = new CompletableFuture<>();
        Platform.runLater(() -> new AnimationTimer() {
            private int seen;

            @Override
            public void handle(long now) {
                // The first call may come from a pulse that started before this timer did: wait for one more.
                if (++seen == 2) {
                    stop();
                    pulse.complete(System.currentTimeMillis());
                }
            }
        }.start());
        return pulse;
    }

    private static int symbolsOnScreen(Node root) {
        return (int) root.lookupAll(".map-symbol").stream().filter(Node::isVisible).count();
    }

    private static <T> T onFx(Supplier<T> work) throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Threads named {@code name} that do not keep the JVM alive (the benchmark's and the warm-up's pools). */
    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
