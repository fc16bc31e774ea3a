package network.shaga.app.ui;

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
import network.shaga.app.ui.perf.FxResponsiveness;
import network.shaga.app.ui.start.StartFlow;
import network.shaga.app.ui.start.StartOptions;

/** Starts the JavaFX toolkit, shows the main window and blocks until the user closes it. */
public final class DesktopApp {
    private final DataDirectory dataDirectory;
    private final String version;
    private final PlayerServices player;
    private final StartOptions start;
    private final MoonlightLocator moonlight;
    private final HostSetup hostSetup;
    private final java.util.List<Runnable> onClose = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Set by {@link #build}: what its screens want done off screen before the window first shows. */
    private Runnable beforeShow = () -> {
    };
    private java.nio.file.Path fxWatchdogSummary;

    /** Where this machine's Sunshine answers, and its web UI login when already known (null: the user types it). */
    public record HostSetup(java.net.URI sunshineHttp, java.net.URI sunshineApi, network.shaga.app.stream.SunshineCredentials credentials) {
        public static HostSetup localSunshine() {
            return new HostSetup(network.shaga.app.stream.SunshineClient.DEFAULT_HTTP, network.shaga.app.stream.SunshineClient.DEFAULT_WEB_API,
                    null);
        }
    }

    /**
     * The main window over an already unlocked {@code player} (the demo). {@code moonlight} finds the Moonlight client
     * when a rental starts streaming.
     */
    public DesktopApp(DataDirectory dataDirectory, String version, PlayerServices player, MoonlightLocator moonlight, HostSetup hostSetup) {
        this(dataDirectory, version, java.util.Objects.requireNonNull(player), null, moonlight, hostSetup);
    }

    private DesktopApp(DataDirectory dataDirectory, String version, PlayerServices player, StartOptions start, MoonlightLocator moonlight,
            HostSetup hostSetup) {
        this.dataDirectory = dataDirectory;
        this.version = version;
        this.player = player;
        this.start = start;
        this.moonlight = moonlight;
        this.hostSetup = hostSetup;
    }

    /** Plain {@code shaga}: the first-run setup or the unlock screen, then the main window on the chosen cluster. */
    public static DesktopApp withSignIn(DataDirectory dataDirectory, String version, StartOptions start, MoonlightLocator moonlight,
            HostSetup hostSetup) {
        return new DesktopApp(dataDirectory, version, null, java.util.Objects.requireNonNull(start), moonlight, hostSetup);
    }

    /** The app icon in the title bar, task switcher and dock. */
    static void addIcons(Stage stage) {
        for (java.io.InputStream in : network.shaga.resources.AppIcons.open()) {
            try (in) {
                stage.getIcons().add(new javafx.scene.image.Image(in));
            } catch (java.io.IOException e) {
                // an icon that cannot be read leaves the default one
            }
        }
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
        startOrRunLater(() -> {
            Stage stage = new Stage();
            Scene scene = new Scene(build(new FxThread(), timer, io), 1440, 900);
            scene.getStylesheets().add(DesktopApp.class.getResource("shaga.css").toExternalForm());
            // The first CSS and layout pass, done before the window shows (the first frame would do it otherwise), then
            // what the screens want ready for their first frame.
            Parent root = scene.getRoot();
            root.applyCss();
            root.resize(scene.getWidth(), scene.getHeight());
            root.layout();
            beforeShow.run();
            stage.setTitle(player == null ? "Shaga" : "Shaga — " + player.cluster().name());
            addIcons(stage);
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
        close();
        timer.shutdownNow();
        io.shutdownNow();
        io.awaitTermination(2, TimeUnit.SECONDS);
        Platform.exit();
    }

    /** Starts the JavaFX toolkit with {@code first}, or runs {@code first} on it when it already runs (a warm-up started it). */
    private static void startOrRunLater(Runnable first) {
        try {
            Platform.startup(first);
        } catch (IllegalStateException alreadyRunning) {
            Platform.runLater(first);
        }
    }

    /** Builds the window's content; package-visible so UI tests can put it on their own stage. */
    Parent build(FxThread fx, ScheduledExecutorService timer, ExecutorService io) {
        if (start != null) {
            StartFlow flow = new StartFlow(dataDirectory, start, hostSetup.sunshineHttp(), hostSetup.sunshineApi(), fx, io,
                    (unlocked, settings, onLock) -> {
                        MainScreens screens = new MainScreens(dataDirectory, version, unlocked, moonlight, hostSetup, onLock, fx, timer, io);
                        if (settings.hosting()) {
                            screens.show(MainWindow.Mode.HOST);
                        }
                        return new StartFlow.Opened(screens.root(), screens::stop, screens::prepareOffScreen);
                    });
            onClose.add(flow::close);
            return flow.root();
        }
        MainScreens screens = new MainScreens(dataDirectory, version, player, moonlight, hostSetup, null, fx, timer, io);
        onClose.add(screens::stop);
        beforeShow = screens::prepareOffScreen;
        return screens.root();
    }

    /** Stops what {@link #build} started: Host mode goes offline, the wallet's services close, the DHT node leaves. */
    void close() {
        onClose.forEach(Runnable::run);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
