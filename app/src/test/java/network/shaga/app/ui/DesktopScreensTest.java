package network.shaga.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import network.shaga.app.core.DataDirectory;
import network.shaga.app.demo.DemoWorld;
import network.shaga.app.RequiresLocalnet;
import network.shaga.app.player.PlayerServices;
import network.shaga.wallet.keys.WalletKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Play and Wallet screens, clicked through headless, against the demo's real local world. */
@ExtendWith(ApplicationExtension.class)
@Timeout(300)
class DesktopScreensTest {
    private static Path dir;
    private static DemoWorld world;
    private static PlayerServices player;
    private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(1);
    private static final ExecutorService IO = Executors.newFixedThreadPool(2);

    @BeforeAll
    static void startWorld() throws Exception {
        RequiresLocalnet.check();
        dir = Files.createTempDirectory("shaga-ui");
        world = DemoWorld.start(dir.resolve("demo"), step -> { });
        player = PlayerServices.open(world.dht().addNode(), PlayerServices.localnet(world.rpcUrl()), world.usdcMint(), world.player(),
                dir.resolve("wallet.json"), dir.resolve("ledger.db"));
    }

    @AfterAll
    static void stopWorld() throws Exception {
        TIMER.shutdownNow();
        IO.shutdownNow();
        if (player != null) {
            player.close();
        }
        if (world != null) {
            world.close();
        }
    }

    @Start
    void start(Stage stage) {
        DesktopApp app = new DesktopApp(new DataDirectory(dir), "test", player);
        Scene scene = new Scene(app.build(new FxThread(), TIMER, IO), 1400, 900);
        scene.getStylesheets().add(DesktopApp.class.getResource("shaga.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static void waitFor(String what, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> condition.getAsBoolean());
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    @Test
    void playFindsTheDemoHostsFiltersThemAndShowsDetails(FxRobot robot) throws Exception {
        TableView<?> table = robot.lookup("#host-table").queryAs(TableView.class);
        waitFor("hosts listed", () -> table.getItems().size() >= 8);
        int all = table.getItems().size();

        robot.clickOn("#gpu-filter").write("4090");
        waitFor("GPU filter applied", () -> table.getItems().size() == 2);
        robot.doubleClickOn("#gpu-filter").eraseText(4);
        waitFor("filter cleared", () -> table.getItems().size() == all);

        javafx.scene.Node firstRow = robot.lookup("#host-table .table-row-cell")
                .match((javafx.scene.control.TableRow<?> row) -> row.getItem() != null && row.getIndex() == 0).query();
        robot.clickOn(firstRow);
        Label name = robot.lookup("#details-name").queryAs(Label.class);
        assertThat(name.getText()).isNotBlank();
        assertThat(robot.lookup("#rent-button").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#search-status").queryAs(Label.class).getText()).contains("hosts in view");
        assertThat(robot.lookup("#status-dht").queryAs(Label.class).getText()).contains("peers");
    }

    @Test
    void walletShowsTheBalanceAndSendsUsdc(FxRobot robot) throws Exception {
        robot.clickOn("#mode-wallet");
        Label usdc = robot.lookup("#balance-usdc").queryAs(Label.class);
        waitFor("balance shown", () -> usdc.getText().startsWith("100.00"));
        assertThat(robot.lookup("#wallet-address").queryTextInputControl().getText()).isEqualTo(world.player().address());
        assertThat(robot.lookup("#wallet-qr").queryAs(javafx.scene.image.ImageView.class).getImage()).isNotNull();

        String friend = WalletKey.generate(new java.security.SecureRandom()).address();
        robot.clickOn("#send-to").write(friend);
        robot.clickOn("#send-amount").write("2.5");
        robot.clickOn("#send-button");
        Label status = robot.lookup("#send-status").queryAs(Label.class);
        waitFor("fee shown", () -> status.getText().startsWith("Network fee"));
        robot.clickOn("#send-button");
        waitFor("sent", () -> status.getText().startsWith("Sent and confirmed"));
        waitFor("balance updated", () -> usdc.getText().startsWith("97.50"));
    }
}
