package network.shaga.app.ui.start;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import network.shaga.app.setup.AppSettings;
import network.shaga.app.setup.SettingsFile;
import network.shaga.app.setup.WalletSetup;
import network.shaga.app.ui.DesktopApp;
import network.shaga.app.ui.FxThread;
import network.shaga.wallet.keys.KeyImport;
import network.shaga.wallet.keys.WalletKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The first run with a Solana CLI keypair file and the Devnet preset: no network is needed for either. */
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class FirstRunKeypairImportTest {
    private static final ExecutorService IO = Executors.newFixedThreadPool(2);
    private static final URI NO_SUNSHINE = URI.create("http://127.0.0.1:9");
    private final AtomicReference<FirstRunController.Result> finished = new AtomicReference<>();
    private Path dir;
    private FirstRunController controller;

    @AfterAll
    static void stop() {
        IO.shutdownNow();
    }

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("shaga-keypair");
        controller = new FirstRunController(WalletSetup.inFolder(dir), new SettingsFile(dir.resolve(SettingsFile.FILE_NAME)), Optional.empty(),
                NO_SUNSHINE, NO_SUNSHINE, new FxThread(), IO, new SecureRandom(), finished::set);
        Scene scene = new Scene(controller.view(), 1200, 850);
        scene.getStylesheets().add(DesktopApp.class.getResource("shaga.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
    }

    @Test
    void importsAKeypairFileAndSavesDevnetSettings(FxRobot robot) throws Exception {
        WalletKey key = WalletKey.generate(new SecureRandom());
        String json = KeyImport.toKeypairJson(key);
        Path good = Files.writeString(dir.resolve("id.json"), json);
        Path bad = Files.writeString(dir.resolve("notes.json"), "[1,2,3]");

        robot.clickOn("#firstrun-import");
        robot.clickOn("#import-file-mode");
        robot.clickOn("#firstrun-next");
        assertThat(robot.lookup("#firstrun-error").queryAs(Label.class).getText()).isEqualTo("Choose your keypair file first.");
        robot.interact(() -> controller.importKeypairFile(bad));
        Label chosen = robot.lookup("#import-file").queryAs(Label.class);
        waitFor(() -> chosen.getText().contains("expected a JSON array of 64 numbers"));
        robot.interact(() -> controller.importKeypairFile(good));
        waitFor(() -> chosen.getText().startsWith("✓ id.json · wallet " + key.address()));
        robot.clickOn("#firstrun-next");

        robot.clickOn("#password").write("correct-Horse-42");
        robot.clickOn("#password-repeat").write("correct-Horse-42");
        robot.clickOn("#firstrun-next");
        robot.clickOn("#cluster-devnet");
        robot.clickOn("#firstrun-next");
        robot.clickOn("#firstrun-next");
        waitFor(() -> finished.get() != null);

        FirstRunController.Result result = finished.get();
        AppSettings devnet = new AppSettings("devnet", Optional.empty(), false, true);
        assertThat(result.settings()).isEqualTo(devnet);
        assertThat(result.address()).isEqualTo(key.address());
        assertThat(result.password()).hasValueSatisfying(password -> assertThat(new String(password)).isEqualTo("correct-Horse-42"));
        assertThat(new SettingsFile(dir.resolve(SettingsFile.FILE_NAME)).load()).isEqualTo(new SettingsFile.Found(devnet));
        assertThat(WalletSetup.inFolder(dir).backup("correct-Horse-42".toCharArray())).isEqualTo(new WalletSetup.KeypairBackup(json));
    }
}
