package network.shaga.app.ui.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Scene;
import network.shaga.app.ui.DesktopApp;
import network.shaga.app.ui.FxThread;
import network.shaga.app.ui.play.HostRow;
import network.shaga.app.ui.play.PlayController;
import network.shaga.wallet.rpc.SolanaRpc;

/**
 * Runs the Play screen once where nobody sees it, before the real window opens: a copy of the screen over
 * synthetic hosts, in a scene of its own that is never shown, is searched, panned, zoomed and drawn into a
 * snapshot a step at a time. The JVM starts out interpreting JavaFX's CSS, layout, text and software-rendering
 * code; on two cores, the first few seconds of a freshly opened window held the FX thread for 70–230 ms at a
 * time while that code was still cold. Warmed here, the code is compiled before the window opens.
 *
 * <p>It also links the {@code equals} and {@code hashCode} of the records the screens' lists compare. A record's
 * methods are bound on their first call (an {@code invokedynamic} bootstrap that generates method-handle classes),
 * which took 50–70 ms on the FX thread when the first hosts and wallet history reached the lists.
 *
 * <p>For starts that wait anyway: {@code shaga demo} runs it while its local cluster and hosts come up.
 * Each step is one short task on the FX thread; {@link #close} stops the steps and disposes of the copy.
 */
public final class UiWarmup implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UiWarmup.class.getName());
    /** Hosts on the synthetic map: enough for bubbles, markers and a list that scrolls. */
    private static final int HOSTS = 150;
    private static final long STEP_MS = 120;
    /** The copy's camera moves this far along the benchmark's pan and zoom script per step. */
    private static final double SCRIPT_SECONDS_PER_STEP = 0.4;

    private final ScheduledExecutorService timer;
    private final ExecutorService io;
    private final AtomicInteger steps = new AtomicInteger();
    private final AtomicInteger mostRows = new AtomicInteger();
    private final CompletableFuture<Void> built = new CompletableFuture<>();
    private volatile boolean closed;
    private PlayController play;
    private Scene scene;
    private ScheduledFuture<?> stepping;

    private UiWarmup() {
        timer = Executors.newSingleThreadScheduledExecutor(UiBench.daemon("shaga-ui-warmup"));
        io = Executors.newFixedThreadPool(2, UiBench.daemon("shaga-ui-warmup-io"));
    }

    /** Starts the JavaFX toolkit (if it is not running) and the warm-up steps. */
    public static UiWarmup start() throws InterruptedException {
        UiBench.startToolkit();
        UiWarmup warmup = new UiWarmup();
        Platform.runLater(warmup::build);
        warmup.stepping = warmup.timer.scheduleWithFixedDelay(() -> Platform.runLater(warmup::step), STEP_MS, STEP_MS,
                TimeUnit.MILLISECONDS);
        return warmup;
    }

    /** Warm-up steps run so far. */
    public int steps() {
        return steps.get();
    }

    /** The most rows the copy's host list has shown in a step: the warm-up ran the list, not just an empty screen. */
    public int mostRows() {
        return mostRows.get();
    }

    private void build() {
        if (closed) {
            return;
        }
        try {
            SyntheticHosts hosts = SyntheticHosts.generate(HOSTS, 7, io);
            io.execute(() -> {
                try {
                    linkRecordMethods();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "record methods not linked ahead", e);
                }
            });
            play = PlayController.browseOnly(hosts, new FxThread(), timer, io);
            scene = new Scene(play.view(), 1440, 900);
            scene.getStylesheets().add(Objects.requireNonNull(DesktopApp.class.getResource("shaga.css")).toExternalForm());
            play.start();
            built.complete(null);
        } catch (RuntimeException e) {
            // A warm-up that cannot run only leaves the code cold.
            LOG.log(System.Logger.Level.DEBUG, "UI warm-up not run", e);
            built.completeExceptionally(e);
            closed = true;
        }
    }

    /**
     * Calls {@code equals} and {@code hashCode} on equal but distinct copies of the records in the host and wallet
     * lists, so every component's methods are reached and linked. Runs on an I/O thread; any thread links them for all.
     */
    static void linkRecordMethods() {
        List<HostRow> rows = new ArrayList<>();
        for (int copy = 0; copy < 2; copy++) {
            rows.add(new HostRow(SyntheticHosts.generate(1, 11, Runnable::run).all().join().get(0)));
        }
        List<SolanaRpc.SignatureInfo> history = new ArrayList<>();
        for (int copy = 0; copy < 2; copy++) {
            history.add(new SolanaRpc.SignatureInfo("signature", 1, Optional.of(2L), false, Optional.of("memo")));
        }
        requireEqual(rows);
        requireEqual(history);
    }

    private static void requireEqual(List<?> copies) {
        if (!copies.get(0).equals(copies.get(1)) || copies.get(0).hashCode() != copies.get(1).hashCode()) {
            throw new IllegalStateException("two copies of the same record differ: " + copies);
        }
    }

    private void step() {
        if (closed || !built.isDone() || built.isCompletedExceptionally()) {
            return;
        }
        int n = steps.getAndIncrement();
        PanZoomScript.Camera camera = PanZoomScript.at(n * SCRIPT_SECONDS_PER_STEP);
        play.map().centerOn(camera.latitude(), camera.longitude(), camera.zoom());
        // A snapshot runs the scene's CSS and layout and draws it through the same pipeline as a window.
        scene.snapshot(null);
        if (scene.lookup("#host-table") instanceof javafx.scene.control.TableView<?> table) {
            mostRows.accumulateAndGet(table.getItems().size(), Math::max);
        }
    }

    /** Stops the steps and waits (briefly) for the one in progress; the real window can open after this. */
    @Override
    public void close() {
        if (closed && timer.isShutdown()) {
            return;
        }
        closed = true;
        stepping.cancel(false);
        CompletableFuture<Void> disposed = new CompletableFuture<>();
        Platform.runLater(() -> {
            if (play != null) {
                play.stop();
            }
            play = null;
            scene = null;
            disposed.complete(null);
        });
        try {
            disposed.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.log(System.Logger.Level.DEBUG, "UI warm-up still busy at close", e);
        }
        timer.shutdownNow();
        io.shutdownNow();
        LOG.log(System.Logger.Level.INFO, "UI warm-up: {0} steps", steps.get());
    }
}
