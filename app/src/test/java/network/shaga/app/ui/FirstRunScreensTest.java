package network.shaga.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import network.shaga.app.RequiresLocalnet;
import network.shaga.app.core.DataDirectory;
import network.shaga.app.demo.SunshineStandIn;
import network.shaga.app.net.Endpoints;
import network.shaga.app.net.PrivateDht;
import network.shaga.app.setup.AppSettings;
import network.shaga.app.setup.PublicDht;
import network.shaga.app.setup.SettingsFile;
import network.shaga.app.setup.WalletSetup;
import network.shaga.app.stream.MoonlightLocator;
import network.shaga.app.ui.map.BundledTileRetriever;
import network.shaga.app.ui.map.OnlineTiles;
import network.shaga.app.ui.map.TileDiskCache;
import network.shaga.app.ui.start.StartOptions;
import network.shaga.wallet.keys.KeyImport;
import network.shaga.wallet.keystore.Keystore;
import network.shaga.wallet.localnet.Localnet;
import network.shaga.wallet.localnet.LocalnetOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Plain {@code shaga}'s first run, unlock, backup and lock, clicked through headless against a real local Solana
 * cluster (reached as a custom RPC URL) and a private DHT on loopback.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(240)
class FirstRunScreensTest {
    private static final String PASSWORD = "correct-Horse-42";
    /** Sunshine is not running here: a closed loopback port. */
    private static final URI NO_SUNSHINE = URI.create("http://127.0.0.1:9");
    private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(1);
    private static final ExecutorService IO = Executors.newFixedThreadPool(4);
    private static Localnet localnet;
    private static PrivateDht dht;
    private StackPane host;
    private DesktopApp app;
    /** How often the app opened the online tile source (its downloads fail here: no tile server on loopback). */
    private final java.util.concurrent.atomic.AtomicInteger tileSourcesOpened = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    static void startWorld() throws Exception {
        RequiresLocalnet.check();
        localnet = Localnet.start(LocalnetOptions.fast());
        dht = PrivateDht.start(3, 1, builder -> builder);
    }

    @AfterAll
    static void stopWorld() {
        TIMER.shutdownNow();
        IO.shutdownNow();
        if (dht != null) {
            dht.close();
        }
        if (localnet != null) {
            localnet.close();
        }
    }

    @Start
    void start(Stage stage) {
        host = new StackPane();
        Scene scene = new Scene(host, 1400, 900);
        scene.getStylesheets().add(DesktopApp.class.getResource("shaga.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void closeApp() {
        if (app != null) {
            app.close();
        }
        BundledTileRetriever.useBundledTilesOnly();
    }

    /** Opens plain shaga's window content on {@code dir}, joining the private DHT (or, offline, nothing). */
    private void open(FxRobot robot, Path dir, boolean offline) {
        open(robot, dir, offline, NO_SUNSHINE, NO_SUNSHINE);
    }

    private void open(FxRobot robot, Path dir, boolean offline, URI sunshineHttp, URI sunshineApi) {
        List<String> bootstrap = offline ? List.of("router.bittorrent.invalid:6881")
                : dht.bootstrap().stream().map(Endpoints::format).toList();
        PublicDht.Resolver resolver = offline ? name -> {
            throw new UnknownHostException(name);
        } : InetAddress::getByName;
        StartOptions.OnlineTilesSource tiles = dataDirectory -> {
            tileSourcesOpened.incrementAndGet();
            return new OnlineTiles(key -> {
                throw new java.io.IOException("no tile server in tests");
            }, TileDiskCache.open(dataDirectory.resolve(OnlineTiles.CACHE_FOLDER), 1 << 20), IO, java.time.Clock.systemUTC());
        };
        app = DesktopApp.withSignIn(new DataDirectory(dir), "test", new StartOptions(bootstrap, resolver, Optional.of(tiles)),
                MoonlightLocator.system(), new DesktopApp.HostSetup(sunshineHttp, sunshineApi, null));
        robot.interact(() -> host.getChildren().setAll(app.build(new FxThread(), TIMER, IO)));
    }

    private static void waitFor(String what, BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(what + " did not happen within 60 s", e);
        }
    }

    private static boolean present(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().filter(node -> node.getScene() != null).isPresent();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    /** A data folder that has been through the first run: a wallet made from a phrase, and settings. */
    private static Path preparedFolder(List<String> words) throws Exception {
        Path dir = Files.createTempDirectory("shaga-firstrun");
        WalletSetup.inFolder(dir).storePhrase(String.join(" ", words), "", PASSWORD.toCharArray());
        new SettingsFile(dir.resolve(SettingsFile.FILE_NAME))
                .save(new AppSettings("localnet", Optional.of(URI.create(localnet.rpcUrl())), false, false));
        return dir;
    }

    private void chooseCustomRpcAndFinish(FxRobot robot) throws Exception {
        chooseCustomRpcAndFinish(robot, "Sunshine is not running");
    }

    /** Goes through the network and hosting steps; {@code sunshineFound} is how the hosting step's Sunshine line starts. */
    private void chooseCustomRpcAndFinish(FxRobot robot, String sunshineFound) throws Exception {
        waitFor("network step", () -> present(robot, "#cluster-custom"));
        robot.clickOn("#cluster-local");
        robot.clickOn("#firstrun-next");
        assertThat(text(robot, "#firstrun-error")).contains("shaga demo");
        robot.clickOn("#cluster-custom");
        robot.clickOn("#custom-rpc").write("http://rpc.example.com:8899");
        robot.clickOn("#firstrun-next");
        waitFor("http to the internet refused", () -> text(robot, "#rpc-status").contains("https://"));
        robot.interact(() -> robot.lookup("#custom-rpc").queryAs(TextField.class).setText(localnet.rpcUrl()));
        robot.clickOn("#rpc-test");
        waitFor("the node checked", () -> text(robot, "#rpc-status").startsWith("✓ Healthy · serves a local Shaga cluster"));
        robot.interact(() -> robot.lookup("#custom-rpc").queryAs(TextField.class).setText(localnet.rpcUrl() + "/"));
        assertThat(text(robot, "#rpc-status")).as("an edited URL is no longer checked").isEmpty();
        robot.interact(() -> robot.lookup("#custom-rpc").queryAs(TextField.class).setText(localnet.rpcUrl()));
        assertThat(text(robot, "#rpc-status")).startsWith("✓ Healthy");
        robot.clickOn("#firstrun-next");
        waitFor("hosting step after the RPC check", () -> present(robot, "#want-host"));
        robot.clickOn("#want-host");
        waitFor("Sunshine looked for", () -> text(robot, "#host-detect-sunshine").startsWith(sunshineFound));
        robot.clickOn("#want-host");
        robot.clickOn("#firstrun-next");
    }

    @Test
    void createsAWalletChecksTheWordsAndOpensTheMainWindowOnACustomRpc(FxRobot robot) throws Exception {
        Path dir = Files.createTempDirectory("shaga-firstrun");
        open(robot, dir, false);
        waitFor("welcome", () -> present(robot, "#firstrun-create"));
        robot.clickOn("#firstrun-create");
        List<String> words = new ArrayList<>();
        for (int i = 1; i <= 24; i++) {
            words.add(text(robot, "#phrase-word-" + i));
        }
        assertThat(robot.lookup("#firstrun-next").queryButton().isDisabled()).as("not before the words are written down").isTrue();
        robot.clickOn("#phrase-written");
        robot.clickOn("#firstrun-next");

        TextField first = robot.lookup("#confirm-word-0").queryAs(TextField.class);
        int position = (Integer) first.getUserData();
        robot.clickOn(first).write(words.get((position + 1) % 24) + "x");
        for (int i = 1; i < 3; i++) {
            TextField field = robot.lookup("#confirm-word-" + i).queryAs(TextField.class);
            robot.clickOn(field).write(words.get((Integer) field.getUserData()));
        }
        robot.clickOn("#firstrun-next");
        assertThat(text(robot, "#firstrun-error")).contains("Word " + (position + 1) + " does not match");
        robot.interact(() -> first.setText(words.get(position)));
        robot.clickOn("#firstrun-next");

        robot.clickOn("#password").write("short");
        assertThat(text(robot, "#password-strength")).startsWith("Too short");
        robot.clickOn("#firstrun-next");
        assertThat(text(robot, "#firstrun-error")).startsWith("Too short");
        robot.interact(() -> robot.lookup("#password").queryTextInputControl().setText(PASSWORD));
        assertThat(text(robot, "#password-strength")).isEqualTo("Strong.");
        robot.clickOn("#password-repeat").write(PASSWORD + "!");
        robot.clickOn("#firstrun-next");
        assertThat(text(robot, "#firstrun-error")).contains("differ");
        robot.interact(() -> robot.lookup("#password-repeat").queryTextInputControl().setText(PASSWORD));
        robot.clickOn("#firstrun-next");

        chooseCustomRpcAndFinish(robot);
        waitFor("main window", () -> present(robot, "#mode-play"));
        waitFor("cluster in the status bar", () -> text(robot, "#status-network").equals("Solana localnet"));

        String expected = ((KeyImport.Imported) KeyImport.fromPhrase(String.join(" ", words), "")).key().address();
        assertThat(Keystore.peekAddress(dir.resolve("wallet.json"))).isEqualTo(expected);
        SettingsFile.Loaded saved = new SettingsFile(dir.resolve("settings.json")).load();
        assertThat(saved).isEqualTo(new SettingsFile.Found(new AppSettings("localnet", Optional.of(URI.create(localnet.rpcUrl())), false, true)));
        robot.clickOn("#mode-wallet");
        assertThat(robot.lookup("#wallet-address").queryTextInputControl().getText()).isEqualTo(expected);
        waitFor("online map tiles switched on", () -> BundledTileRetriever.attribution().contains("OpenStreetMap"));
        assertThat(tileSourcesOpened).hasValue(1);
        assertThat(dir.resolve(OnlineTiles.CACHE_FOLDER)).isDirectory();
    }

    @Test
    void importsARecoveryPhrase(FxRobot robot) throws Exception {
        List<String> words = WalletSetup.newPhrase(new SecureRandom());
        Path dir = Files.createTempDirectory("shaga-firstrun");
        open(robot, dir, false);
        waitFor("welcome", () -> present(robot, "#firstrun-import"));
        robot.clickOn("#firstrun-import");
        robot.clickOn("#import-phrase").write("abandon ability able");
        robot.clickOn("#firstrun-next");
        assertThat(text(robot, "#firstrun-error")).contains("12, 15, 18, 21 or 24 words");
        robot.interact(() -> robot.lookup("#import-phrase").queryTextInputControl().setText(String.join("  ", words).toUpperCase()));
        robot.clickOn("#firstrun-next");
        robot.clickOn("#password").write(PASSWORD);
        robot.clickOn("#password-repeat").write(PASSWORD);
        robot.clickOn("#firstrun-next");
        chooseCustomRpcAndFinish(robot);
        waitFor("main window", () -> present(robot, "#mode-play"));

        String expected = ((KeyImport.Imported) KeyImport.fromPhrase(String.join(" ", words), "")).key().address();
        robot.clickOn("#mode-wallet");
        assertThat(robot.lookup("#wallet-address").queryTextInputControl().getText()).isEqualTo(expected);
    }

    @Test
    void laterStartsAskOnlyForThePasswordAndSayWhenItIsWrong(FxRobot robot) throws Exception {
        Path dir = preparedFolder(WalletSetup.newPhrase(new SecureRandom()));
        open(robot, dir, true);
        waitFor("unlock screen", () -> present(robot, "#unlock-password"));
        assertThat(present(robot, "#firstrun-create")).isFalse();
        assertThat(text(robot, "#unlock-address")).isEqualTo(Keystore.peekAddress(dir.resolve("wallet.json")));

        robot.clickOn("#unlock-password").write("not-the-password");
        robot.clickOn("#unlock-button");
        waitFor("wrong password shown", () -> text(robot, "#unlock-error").startsWith("Wrong password"));
        assertThat(present(robot, "#mode-play")).isFalse();

        robot.interact(() -> robot.lookup("#unlock-password").queryTextInputControl().setText(PASSWORD));
        robot.clickOn("#unlock-button");
        waitFor("main window", () -> present(robot, "#mode-play"));
        waitFor("offline DHT stated", () -> text(robot, "#status-dht").contains("no peers yet / offline"));
        assertThat(tileSourcesOpened).as("online tiles are off in these settings").hasValue(0);
        assertThat(BundledTileRetriever.attribution()).doesNotContain("OpenStreetMap");
    }

    @Test
    void theUnlockScreenCanChangeTheNetworkAndKeepsTheWallet(FxRobot robot) throws Exception {
        Path dir = preparedFolder(WalletSetup.newPhrase(new SecureRandom()));
        String address = Keystore.peekAddress(dir.resolve("wallet.json"));
        open(robot, dir, true);
        waitFor("unlock screen", () -> present(robot, "#unlock-password"));
        robot.clickOn("#unlock-change-network");
        waitFor("network step", () -> present(robot, "#cluster-devnet"));
        robot.clickOn("#firstrun-back");
        waitFor("back on the unlock screen", () -> present(robot, "#unlock-password"));

        robot.clickOn("#unlock-change-network");
        waitFor("network step", () -> present(robot, "#cluster-devnet"));
        robot.clickOn("#cluster-devnet");
        robot.clickOn("#firstrun-next");
        waitFor("hosting step", () -> present(robot, "#want-host"));
        robot.clickOn("#firstrun-next");
        waitFor("unlock screen again", () -> present(robot, "#unlock-password"));
        assertThat(text(robot, "#unlock-cluster")).isEqualTo("Devnet");
        assertThat(new SettingsFile(dir.resolve("settings.json")).load())
                .isEqualTo(new SettingsFile.Found(new AppSettings("devnet", Optional.empty(), false, true)));

        robot.clickOn("#unlock-password").write(PASSWORD).clickOn("#unlock-button");
        waitFor("main window on devnet, offline", () -> present(robot, "#mode-play"));
        waitFor("cluster in the status bar", () -> text(robot, "#status-network").equals("Solana devnet"));
        assertThat(Keystore.peekAddress(dir.resolve("wallet.json"))).isEqualTo(address);
    }

    @Test
    void backupShowsThePhraseOnlyAfterThePasswordAndLockReturnsToTheUnlockScreen(FxRobot robot) throws Exception {
        List<String> words = WalletSetup.newPhrase(new SecureRandom());
        Path dir = preparedFolder(words);
        open(robot, dir, false);
        waitFor("unlock screen", () -> present(robot, "#unlock-password"));
        robot.clickOn("#unlock-password").write(PASSWORD).clickOn("#unlock-button");
        waitFor("main window", () -> present(robot, "#mode-wallet"));

        robot.clickOn("#mode-wallet");
        robot.clickOn("#wallet-backup");
        waitFor("backup dialog", () -> present(robot, "#backup-password"));
        assertThat(present(robot, "#backup-word-1")).isFalse();
        robot.clickOn("#backup-password").write("guess");
        robot.clickOn("#backup-show");
        waitFor("wrong password", () -> text(robot, "#backup-error").equals("Wrong password."));
        assertThat(present(robot, "#backup-word-1")).isFalse();
        robot.interact(() -> robot.lookup("#backup-password").queryTextInputControl().setText(PASSWORD));
        robot.clickOn("#backup-show");
        waitFor("phrase shown", () -> present(robot, "#backup-word-24"));
        for (int i = 1; i <= 24; i++) {
            assertThat(text(robot, "#backup-word-" + i)).isEqualTo(words.get(i - 1));
        }
        assertThat(text(robot, "#backup-warning")).contains("Anyone who sees this");
        // The dialog grows to fit the phrase: click Done once it is laid out where it can be clicked.
        waitFor("Done clickable", () -> robot.lookup("#backup-done").match(org.testfx.util.NodeQueryUtils.isVisible())
                .tryQuery().isPresent());
        robot.clickOn("#backup-done");

        robot.clickOn("#wallet-lock");
        waitFor("unlock screen after Lock", () -> present(robot, "#unlock-password"));
        assertThat(robot.lookup(".start-title").queryAs(Label.class).getText()).isEqualTo("Locked");
        assertThat(present(robot, "#mode-wallet")).isFalse();
        robot.clickOn("#unlock-password").write(PASSWORD).clickOn("#unlock-button");
        waitFor("main window again", () -> present(robot, "#mode-wallet"));
    }

    @Test
    void aWalletMadeWithTheCommandLineIsKeptAndOnlyTheNetworkIsAsked(FxRobot robot) throws Exception {
        Path dir = Files.createTempDirectory("shaga-firstrun");
        WalletSetup.inFolder(dir).storeKeypairJson(KeyImport.toKeypairJson(network.shaga.wallet.keys.WalletKey.generate(new SecureRandom())),
                PASSWORD.toCharArray());
        try (SunshineStandIn sunshine = new SunshineStandIn(dir)) {
            open(robot, dir, false, sunshine.httpBase(), sunshine.webApiBase());
            waitFor("network step", () -> present(robot, "#cluster-custom"));
            assertThat(present(robot, "#password")).isFalse();
            chooseCustomRpcAndFinish(robot, "✓ Sunshine 7");
        }
        waitFor("unlock screen", () -> present(robot, "#unlock-password"));
        robot.clickOn("#unlock-password").write(PASSWORD).clickOn("#unlock-button");
        waitFor("main window", () -> present(robot, "#mode-wallet"));
        robot.clickOn("#mode-wallet");
        robot.clickOn("#wallet-backup");
        waitFor("backup dialog", () -> present(robot, "#backup-password"));
        robot.clickOn("#backup-password").write(PASSWORD).clickOn("#backup-show");
        waitFor("keypair file offered", () -> present(robot, "#backup-save-keypair"));
        robot.clickOn("#backup-done");
    }
}
