package network.shaga.app.ui;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import javafx.scene.Parent;
import network.shaga.app.core.DataDirectory;
import network.shaga.app.player.PlayerServices;
import network.shaga.app.stream.MoonlightLocator;
import network.shaga.app.ui.host.HostController;
import network.shaga.app.ui.play.PlayController;
import network.shaga.app.ui.wallet.WalletController;

/** The main window's screens for one unlocked wallet: built, started, and stopped together (on close or Lock). */
final class MainScreens {
    private final MainWindow window;
    private final PlayController play;
    private final WalletController wallet;
    private final HostController host;
    private final ScheduledFuture<?> status;

    /** {@code onLock} returns to the unlock screen; null where there is none (the demo). */
    MainScreens(DataDirectory dataDirectory, String version, PlayerServices player, MoonlightLocator moonlight, DesktopApp.HostSetup hostSetup,
            Runnable onLock, FxThread fx, ScheduledExecutorService timer, ExecutorService io) {
        play = new PlayController(player, fx, timer, io, moonlight);
        wallet = new WalletController(player, fx, io, timer);
        if (onLock != null) {
            wallet.enableLock(onLock);
        }
        host = new HostController(player, fx, io, timer, dataDirectory.resolve("host"), hostSetup.sunshineHttp(), hostSetup.sunshineApi(),
                hostSetup.credentials());
        Map<MainWindow.Mode, Parent> screens = new EnumMap<>(MainWindow.Mode.class);
        screens.put(MainWindow.Mode.PLAY, play.view());
        screens.put(MainWindow.Mode.HOST, host.view());
        screens.put(MainWindow.Mode.WALLET, wallet.view());
        window = new MainWindow(dataDirectory, version, screens);
        window.network.set("Solana " + player.cluster().name());
        String address = player.key().address();
        window.wallet.set(address.substring(0, 4) + "…" + address.substring(address.length() - 4));
        status = StatusUpdater.start(window, player, fx, timer);
        play.start();
        wallet.start();
        host.start();
    }

    Parent root() {
        return window.root();
    }

    /** Work for the window's first frame done before it is shown (the root must be laid out in its scene). */
    void prepareOffScreen() {
        play.prepareRows();
    }

    /** Opens a mode, e.g. Host for someone who said in the first run that they want to host. */
    void show(MainWindow.Mode mode) {
        window.select(mode);
    }

    /** Stops the periodic work; completes once Host mode has gone offline (if it was online). */
    CompletableFuture<Void> stop() {
        status.cancel(false);
        play.stop();
        wallet.stop();
        return host.stop();
    }
}
