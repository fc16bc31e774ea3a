package network.shaga.app.ui.start;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Parent;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import network.shaga.app.core.DataDirectory;
import network.shaga.app.player.PlayerServices;
import network.shaga.app.setup.AppSettings;
import network.shaga.app.setup.DesktopSession;
import network.shaga.app.setup.SettingsFile;
import network.shaga.app.setup.WalletSetup;
import network.shaga.app.ui.Formats;
import network.shaga.app.ui.FxThread;
import network.shaga.app.ui.map.BundledTileRetriever;
import network.shaga.wallet.keystore.Keystore;
import network.shaga.wallet.keystore.KeystoreException;

/**
 * Plain {@code shaga}'s way into the main window: the first run when the data folder has no wallet or no settings,
 * else the unlock screen; Lock in the Wallet screen comes back here. It owns what lives between screens: the
 * {@link DesktopSession} (DHT node) and the unlocked player's services.
 */
public final class StartFlow {
    private static final System.Logger LOG = System.getLogger(StartFlow.class.getName());
    private static final long STOP_TIMEOUT_SECONDS = 10;

    /**
     * The main window as opened for an unlocked wallet, how to stop its screens (completes once Host mode is offline),
     * and what its screens want done once laid out in the window, before their first frame.
     */
    public record Opened(Parent root, Supplier<CompletableFuture<Void>> stop, Runnable beforeFirstFrame) {
    }

    /** Builds the main window for an unlocked player; {@code onLock} returns to the unlock screen. */
    @FunctionalInterface
    public interface MainOpener {
        Opened open(PlayerServices player, AppSettings settings, Runnable onLock);
    }

    private final StackPane root = new StackPane();
    private final DataDirectory dataDirectory;
    private final StartOptions options;
    private final URI sunshineHttp;
    private final URI sunshineApi;
    private final FxThread fx;
    private final ExecutorService io;
    private final MainOpener opener;
    private final SettingsFile settingsFile;
    private final WalletSetup wallet;
    private DesktopSession session;
    private String address = "";
    private PlayerServices player;
    private Opened opened;
    private boolean tilesConfigured;

    public StartFlow(DataDirectory dataDirectory, StartOptions options, URI sunshineHttp, URI sunshineApi, FxThread fx, ExecutorService io,
            MainOpener opener) {
        this.dataDirectory = dataDirectory;
        this.options = options;
        this.sunshineHttp = sunshineHttp;
        this.sunshineApi = sunshineApi;
        this.fx = fx;
        this.io = io;
        this.opener = opener;
        this.settingsFile = new SettingsFile(dataDirectory.resolve(SettingsFile.FILE_NAME));
        this.wallet = WalletSetup.inFolder(dataDirectory.path());
        root.getStyleClass().add("shaga-root");
        ProgressIndicator reading = new ProgressIndicator();
        reading.setMaxSize(40, 40);
        root.getChildren().setAll(reading);
        begin();
    }

    public Parent root() {
        return root;
    }

    /** What the data folder holds: the settings and the wallet's address (or why the wallet file cannot be read). */
    private record Found(SettingsFile.Loaded settings, Optional<String> address, Optional<String> walletProblem) {
    }

    private void begin() {
        CompletableFuture.supplyAsync(() -> {
            SettingsFile.Loaded settings = settingsFile.load();
            if (!java.nio.file.Files.exists(wallet.path())) {
                return new Found(settings, Optional.empty(), Optional.empty());
            }
            try {
                return new Found(settings, Optional.of(Keystore.peekAddress(wallet.path())), Optional.empty());
            } catch (KeystoreException e) {
                return new Found(settings, Optional.empty(), Optional.of(e.getMessage()));
            }
        }, io).whenComplete((found, error) -> fx.execute(() -> {
            if (error != null) {
                problem("Shaga cannot read its data folder " + dataDirectory.path() + ": " + Formats.problem(error));
            } else if (found.walletProblem().isPresent()) {
                problem(found.walletProblem().get() + ". Move " + wallet.path() + " away to set up a wallet again, or restore it from a backup.");
            } else if (found.address().isPresent() && found.settings() instanceof SettingsFile.Found settings) {
                address = found.address().get();
                startSession(settings.settings());
                showUnlock("Welcome back", "");
            } else {
                FirstRunController firstRun = firstRun(found.address());
                if (found.address().isPresent() && found.settings() instanceof SettingsFile.Unreadable unreadable) {
                    firstRun.notice(unreadable.message() + " Choose again:");
                }
            }
        }));
    }

    private FirstRunController firstRun(Optional<String> existingWallet) {
        return firstRun(existingWallet, null);
    }

    /** The setup; {@code cancel} (may be null) returns from its first screen, e.g. to the unlock screen after Change network. */
    private FirstRunController firstRun(Optional<String> existingWallet, Runnable cancel) {
        FirstRunController controller = new FirstRunController(wallet, settingsFile, existingWallet, sunshineHttp, sunshineApi, fx, io,
                new SecureRandom(), this::firstRunFinished, cancel);
        root.getChildren().setAll(controller.view());
        return controller;
    }

    private void firstRunFinished(FirstRunController.Result result) {
        AppSettings settings = result.settings();
        Optional<char[]> password = result.password();
        address = result.address();
        startSession(settings);
        if (password.isEmpty()) {
            showUnlock("All set", "Enter your wallet password to open Shaga.");
            return;
        }
        StartCard opening = new StartCard("opening");
        opening.title.setText("Opening your wallet");
        opening.subtitle.setText("Joining the network on " + describe(settings) + "…");
        opening.setBody(new ProgressIndicator());
        opening.footer.setVisible(false);
        root.getChildren().setAll(opening.root);
        char[] chosen = password.get();
        session.unlock(chosen).whenComplete((unlocked, error) -> fx.execute(() -> {
            java.util.Arrays.fill(chosen, '\0');
            if (error != null) {
                showUnlock("Welcome", "").showError(UnlockController.describe(error));
            } else {
                showMain(unlocked);
            }
        }));
    }

    private void startSession(AppSettings settings) {
        if (session != null) {
            session.close();
        }
        session = DesktopSession.start(dataDirectory, settings, options.dhtBootstrap(), options.resolver(), io);
    }

    private UnlockController showUnlock(String title, String notice) {
        UnlockController unlock = new UnlockController(session, address, title, notice, fx, this::showMain,
                () -> firstRun(Optional.of(address), () -> showUnlock(title, notice)));
        root.getChildren().setAll(unlock.view());
        unlock.focus();
        return unlock;
    }

    private void showMain(PlayerServices unlocked) {
        player = unlocked;
        configureTiles(session.settings());
        long started = System.nanoTime();
        opened = opener.open(unlocked, session.settings(), this::lock);
        LOG.log(System.Logger.Level.INFO, "main window built in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        root.getChildren().setAll(opened.root());
        if (root.getScene() != null && root.getScene().getWindow() instanceof Stage stage) {
            stage.setTitle("Shaga — " + describe(session.settings()));
            // The first CSS and layout pass of the main window, which its first frame would do, and then what its screens
            // want ready before that frame (the host table's rows), in this same task.
            root.applyCss();
            root.layout();
            opened.beforeFirstFrame().run();
        }
    }

    /** Forgets the unlocked key and the services built on it, and asks for the password again. */
    private void lock() {
        Opened closing = opened;
        PlayerServices locked = player;
        opened = null;
        player = null;
        showUnlock("Locked", "Shaga forgot the unlocked key: payments and hosting need your password again.");
        closing.stop().get().whenCompleteAsync((ok, error) -> closeQuietly(locked), io);
    }

    /** Online map tiles when the settings allow them (the cache is opened once, off the UI thread). */
    private void configureTiles(AppSettings settings) {
        if (tilesConfigured) {
            return;
        }
        tilesConfigured = true;
        if (!settings.onlineMapTiles() || options.onlineTiles().isEmpty()) {
            BundledTileRetriever.useBundledTilesOnly();
            return;
        }
        StartOptions.OnlineTilesSource source = options.onlineTiles().get();
        CompletableFuture.runAsync(() -> {
            try {
                BundledTileRetriever.useOnlineTiles(source.open(dataDirectory));
            } catch (java.io.IOException e) {
                LOG.log(System.Logger.Level.WARNING, "online map tiles unavailable; the bundled basemap stays", e);
            }
        }, io);
    }

    /** Stops the screens (Host mode goes offline first), closes the wallet's services and leaves the DHT. */
    public void close() {
        if (opened != null) {
            try {
                opened.stop().get().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "stopping the main window's screens did not finish", e);
            }
        }
        closeQuietly(player);
        if (session != null) {
            session.close();
        }
    }

    private static void closeQuietly(PlayerServices services) {
        if (services == null) {
            return;
        }
        try {
            services.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "closing the wallet's services failed", e);
        }
    }

    private void problem(String message) {
        StartCard card = new StartCard("start-problem");
        card.title.setText("Shaga cannot start");
        card.error.setText(message);
        card.footer.setVisible(false);
        root.getChildren().setAll(card.root);
    }

    /** The cluster in words, with the RPC node when it is not the cluster's public one. */
    static String describe(AppSettings settings) {
        String name = switch (settings.cluster()) {
            case "mainnet-beta" -> "Mainnet";
            case "devnet" -> "Devnet";
            default -> "Local cluster";
        };
        return name + settings.rpcUrl().map(url -> " · " + url).orElse("");
    }
}
