package network.shaga.app.ui;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import network.shaga.app.core.DataDirectory;
import network.shaga.app.player.PlayerServices;
import network.shaga.app.stream.MoonlightLocator;
import network.shaga.app.ui.host.HostController;
import network.shaga.app.ui.perf.FxResponsiveness;
import network.shaga.app.ui.play.PlayController;
import network.shaga.app.ui.wallet.WalletController;

/** Starts the JavaFX toolkit, shows the main window and blocks until the user closes it. */
public final class DesktopApp {
    private final DataDirectory dataDirectory;
    private final String version;
    private final PlayerServices player;
    private final MoonlightLocator moonlight;
    private final HostSetup hostSetup;
    private final java.util.List<Runnable> onClose = new java.util.concurrent.CopyOnWriteArrayList<>();
    private java.nio.file.Path fxWatchdogSummary;

    /** Where this machine's Sunshine answers, and its web UI login when already known (null: the user types it). */
    public record HostSetup(java.net.URI sunshineHttp, java.net.URI sunshineApi, network.shaga.app.stream.SunshineCredentials credentials) {
        public static HostSetup localSunshine() {
            return new HostSetup(network.shaga.app.stream.SunshineClient.DEFAULT_HTTP, network.shaga.app.stream.SunshineClient.DEFAULT_WEB_API,
                    null);
        }
    }

    /**
     * {@code player} may be null: the window then shows only what needs no wallet or network. {@code moonlight} finds
     * the Moonlight client when a rental starts streaming.
     */
    public DesktopApp(DataDirectory dataDirectory, String version, PlayerServices player, MoonlightLocator moonlight, HostSetup hostSetup) {
        this.dataDirectory = dataDirectory;
        this.version = version;
        this.player = player;
        this.moonlight = moonlight;
        this.hostSetup = hostSetup;
    }

    /** Watches the FX thread while the window is open and writes a JSON summary to {@code summaryFile} at close or exit. */
    public DesktopApp watchFxThread(java.nio.file.Path summaryFile) {
        fxWatchdogSummary = summaryFile;
        return this;
    }

    public void runUntilClosed() throws InterruptedException {
        java.nio.file.Path watchdogSummary = fxWatchdogSummary != null ? fxWatchdogSummary
                : FxResponsiveness.requestedBySystemProperty(dataDirectory.logs()).orElse(null);
        java.util.concurrent.atomic.AtomicReference<FxResponsiveness> watch = new java.util.concurrent.atomic.AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, daemon("shaga-ui-timer"));
        ExecutorService io = Executors.newFixedThreadPool(4, daemon("shaga-ui-io"));
        Platform.setImplicitExit(true);
        Platform.startup(() -> {
            Stage stage = new Stage();
            Scene scene = new Scene(build(new FxThread(), timer, io), 1440, 900);
            scene.getStylesheets().add(DesktopApp.class.getResource("shaga.css").toExternalForm());
            stage.setTitle(player == null ? "Shaga" : "Shaga — " + player.cluster().name());
            stage.setScene(scene);
            if (watchdogSummary != null) {
                watch.set(FxResponsiveness.start(scene, watchdogSummary));
            }
            stage.setOnHidden(event -> closed.countDown());
            stage.show();
        });
        closed.await();
        if (watch.get() != null) {
            watch.get().finish();
        }
        onClose.forEach(Runnable::run);
        timer.shutdownNow();
        io.shutdownNow();
        io.awaitTermination(2, TimeUnit.SECONDS);
        Platform.exit();
    }

    /** Builds the window's content; package-visible so UI tests can put it on their own stage. */
    Parent build(FxThread fx, ScheduledExecutorService timer, ExecutorService io) {
        Map<MainWindow.Mode, Parent> screens = new EnumMap<>(MainWindow.Mode.class);
        MainWindow window;
        if (player != null) {
            PlayController play = new PlayController(player, fx, timer, io, moonlight);
            WalletController wallet = new WalletController(player, fx, io, timer);
            HostController host = new HostController(player, fx, io, timer, dataDirectory.resolve("host"), hostSetup.sunshineHttp(),
                    hostSetup.sunshineApi(), hostSetup.credentials());
            screens.put(MainWindow.Mode.PLAY, play.view());
            screens.put(MainWindow.Mode.HOST, host.view());
            screens.put(MainWindow.Mode.WALLET, wallet.view());
            onClose.add(host::stop);
            window = new MainWindow(dataDirectory, version, screens);
            window.network.set("Solana " + player.cluster().name());
            String address = player.key().address();
            window.wallet.set(address.substring(0, 4) + "…" + address.substring(address.length() - 4));
            StatusUpdater.start(window, player, fx, timer);
            play.start();
            wallet.start();
            host.start();
        } else {
            window = new MainWindow(dataDirectory, version, screens);
        }
        return window.root();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
