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
import network.shaga.app.demo.SunshineStandIn;
import network.shaga.app.player.PlayerServices;
import network.shaga.app.ui.play.HostRow;
import network.shaga.app.stream.SunshineCredentials;
import network.shaga.app.stream.MoonlightLocator;
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
    private static SunshineStandIn ownSunshine;
    private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(1);
    private static final ExecutorService IO = Executors.newFixedThreadPool(2);

    @BeforeAll
    static void startWorld() throws Exception {
        RequiresLocalnet.check();
        dir = Files.createTempDirectory("shaga-ui");
        world = DemoWorld.start(dir.resolve("demo"), step -> { });
        ownSunshine = new SunshineStandIn(dir);
        player = PlayerServices.open(world.dht().addNode(), PlayerServices.localnet(world.rpcUrl()), world.usdcMint(), world.player(),
                dir.resolve("wallet.json"), dir.resolve("ledger.db"));
    }

    @AfterAll
    static void stopWorld() throws Exception {
        TIMER.shutdownNow();
        IO.shutdownNow();
        if (ownSunshine != null) {
            ownSunshine.close();
        }
        if (player != null) {
            player.close();
        }
        if (world != null) {
            world.close();
        }
    }

    /** Moonlight as the player has it here: the stand-in script, found on a PATH of its own. */
    private static MoonlightLocator standinMoonlight() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path script = bin.resolve("moonlight");
        if (!Files.exists(script)) {
            try (var in = DesktopScreensTest.class.getResourceAsStream("/network/shaga/app/stream/moonlight-standin.sh")) {
                Files.copy(in, script);
            }
            assertThat(script.toFile().setExecutable(true)).isTrue();
        }
        return new MoonlightLocator("Linux", name -> name.equals("PATH") ? bin.toString() : System.getenv(name), Files::isExecutable,
                id -> false);
    }

    @Start
    void start(Stage stage) throws Exception {
        DesktopApp app = new DesktopApp(new DataDirectory(dir), "test", player, standinMoonlight(),
                new DesktopApp.HostSetup(ownSunshine.httpBase(), ownSunshine.webApiBase(),
                        new SunshineCredentials(SunshineStandIn.USER, SunshineStandIn.PASSWORD)));
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

        javafx.scene.control.TableRow<?> firstRow = robot.lookup("#host-table .table-row-cell")
                .match((javafx.scene.control.TableRow<?> row) -> row.getItem() != null && row.getIndex() == 0).query();
        javafx.scene.control.TableRow<?> secondRow = robot.lookup("#host-table .table-row-cell")
                .match((javafx.scene.control.TableRow<?> row) -> row.getItem() != null && row.getIndex() == 1).query();
        robot.clickOn(secondRow);
        Label name = robot.lookup("#details-name").queryAs(Label.class);
        assertThat(name.getText()).isEqualTo(((HostRow) table.getSelectionModel().getSelectedItem()).name());
        String secondName = name.getText();
        // The panel's labels are reused: choosing another host changes their texts.
        robot.clickOn(firstRow);
        assertThat(robot.lookup("#details-name").queryAs(Label.class)).isSameAs(name);
        assertThat(name.getText()).isEqualTo(((HostRow) table.getSelectionModel().getSelectedItem()).name()).isNotEqualTo(secondName);
        assertThat(robot.lookup("#rent-button").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#search-status").queryAs(Label.class).getText()).contains("hosts in view");
        assertThat(robot.lookup("#status-dht").queryAs(Label.class).getText()).contains("peers");
    }

    @Test
    void theListSortsByPingThenByTheColumnHeaderClicked(FxRobot robot) throws Exception {
        TableView<?> table = robot.lookup("#host-table").queryAs(TableView.class);
        waitFor("hosts listed", () -> table.getItems().size() >= 8);
        waitFor("sorted by ping", () -> sortedBy(table, HostRow::pingMs, 1));
        javafx.scene.Node priceHeader = robot.lookup("#host-table .column-header")
                .match((javafx.scene.control.skin.TableColumnHeader h) -> h.getTableColumn() != null && h.getTableColumn().getText().equals("USDC/h")).query();
        robot.clickOn(priceHeader);
        waitFor("sorted by price, cheapest first", () -> sortedBy(table, row -> (double) row.priceMicro(), 1));
        robot.clickOn(priceHeader);
        waitFor("sorted by price, dearest first", () -> sortedBy(table, row -> (double) row.priceMicro(), -1));
        javafx.scene.Node pingHeader = robot.lookup("#host-table .column-header")
                .match((javafx.scene.control.skin.TableColumnHeader h) -> h.getTableColumn() != null && h.getTableColumn().getText().equals("Ping")).query();
        robot.clickOn(pingHeader);
        waitFor("sorted by ping again", () -> sortedBy(table, HostRow::pingMs, 1));
    }

    private static boolean sortedBy(TableView<?> table, java.util.function.ToDoubleFunction<HostRow> key, int direction) {
        java.util.List<HostRow> rows = table.getItems().stream().map(HostRow.class::cast).toList();
        boolean differs = false;
        for (int i = 1; i < rows.size(); i++) {
            double step = direction * (key.applyAsDouble(rows.get(i)) - key.applyAsDouble(rows.get(i - 1)));
            if (step < 0) {
                return false;
            }
            differs |= step > 0;
        }
        return differs;
    }

    @Test
    void aHostTurningBusyShowsAtOnceThroughItsWatch(FxRobot robot) throws Exception {
        TableView<?> table = robot.lookup("#host-table").queryAs(TableView.class);
        network.shaga.app.host.HostRuntime host = world.hosts().get(world.hosts().size() - 1);
        String key = host.publisher().current().publicKeyHex();
        BooleanSupplier listed = () -> table.getItems().stream().anyMatch(row -> ((HostRow) row).key().equals(key));
        waitFor("the host is listed", listed);
        Thread.sleep(500);
        host.publisher().setStatus(network.shaga.app.directory.HostStatus.BUSY);
        // Well inside the 10 s between searches: the watch, not the next search, brings the change.
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(row -> ((HostRow) row).key().equals(key) && ((HostRow) row).status() == network.shaga.app.directory.HostStatus.BUSY));
        host.publisher().setStatus(network.shaga.app.directory.HostStatus.AVAILABLE).get(20, TimeUnit.SECONDS);
    }

    @Test
    void walletShowsTheBalanceAndSendsUsdc(FxRobot robot) throws Exception {
        robot.clickOn("#mode-wallet");
        Label usdc = robot.lookup("#balance-usdc").queryAs(Label.class);
        waitFor("balance shown", () -> usdc.getText().endsWith("USDC"));
        double before = Double.parseDouble(usdc.getText().replace(" USDC", "").replace(",", ""));
        assertThat(before).as("the demo wallet is funded").isGreaterThan(50);
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
        String expected = String.format(java.util.Locale.ROOT, "%,.2f USDC", before - 2.5);
        waitFor("balance updated to " + expected, () -> usdc.getText().equals(expected));
    }

    @Test
    void rentingAHostPaysPairsStreamsAndEnds(FxRobot robot) throws Exception {
        TableView<?> table = robot.lookup("#host-table").queryAs(TableView.class);
        waitFor("hosts listed", () -> table.getItems().size() >= 8);
        robot.clickOn("#available-filter");
        javafx.scene.Node firstRow = robot.lookup("#host-table .table-row-cell")
                .match((javafx.scene.control.TableRow<?> row) -> row.getItem() != null && row.getIndex() == 0).query();
        robot.clickOn(firstRow);
        robot.clickOn("#rent-button");

        Label fee = robot.lookup("#rent-fee").queryAs(Label.class);
        waitFor("fee previewed", () -> fee.getText().contains("SOL"));
        assertThat(robot.lookup("#rent-total").queryAs(Label.class).getText()).contains("USDC for 30 min");
        assertThat(robot.lookup("#rent-balance-after").queryAs(Label.class).getText()).contains("USDC");
        robot.clickOn("#rent-pay");

        Label streaming = robot.lookup("#step-streaming").queryAs(Label.class);
        try {
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> streaming.getText().startsWith("✓"));
        } catch (java.util.concurrent.TimeoutException e) {
            StringBuilder seen = new StringBuilder();
            robot.lookup(".rent-dialog .label").queryAllAs(Label.class).forEach(label -> seen.append(label.getText()).append('\n'));
            throw new AssertionError("the rental did not reach streaming; the dialog shows:\n" + seen, e);
        }
        for (String step : new String[] {"quoted", "paid", "verified-by-host", "pin-unsealed", "paired"}) {
            assertThat(robot.lookup("#step-" + step).queryAs(Label.class).getText()).as(step).startsWith("✓");
        }
        Label countdown = robot.lookup("#rent-countdown").queryAs(Label.class);
        waitFor("countdown", () -> countdown.getText().endsWith("left"));

        robot.clickOn("#rent-end");
        Label detail = robot.lookup("#rent-detail").queryAs(Label.class);
        waitFor("ended", () -> detail.getText().startsWith("Session ended"));
    }

    @Test
    void hostModeGoesOnlineAndTheRecordAppearsInTheDirectory(FxRobot robot) throws Exception {
        robot.clickOn("#mode-host");
        Label sunshine = robot.lookup("#host-sunshine").queryAs(Label.class);
        waitFor("Sunshine detected", () -> sunshine.getText().startsWith("Sunshine 7"));
        javafx.scene.control.TextField nameField = robot.lookup("#host-name").queryAs(javafx.scene.control.TextField.class);
        robot.interact(nameField::clear);
        robot.clickOn(nameField).write("UI test rig");
        javafx.scene.Node map = robot.lookup("#screen-host .split-pane").query();
        javafx.geometry.Bounds bounds = map.localToScreen(map.getBoundsInLocal());
        robot.clickOn(bounds.getMinX() + bounds.getWidth() * 0.25, bounds.getMinY() + bounds.getHeight() * 0.45);
        org.controlsfx.control.ToggleSwitch available = robot.lookup("#host-available").queryAs(org.controlsfx.control.ToggleSwitch.class);
        waitFor("switch enabled", () -> !available.isDisabled());
        robot.clickOn("#host-available .thumb-area");
        Label health = robot.lookup("#host-health").queryAs(Label.class);
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> health.getText().startsWith("available · stored on"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not published; the health line says: " + health.getText() + "; switch selected: "
                    + available.isSelected(), e);
        }

        java.util.Map<String, String> names = new java.util.concurrent.ConcurrentHashMap<>();
        player.directory().query(new network.shaga.app.directory.GeoBox(-90, -180, 90, 180),
                listing -> names.put(listing.record().name(), listing.status().wire())).get(60, TimeUnit.SECONDS);
        assertThat(names).containsEntry("UI test rig", "available");

        robot.clickOn("#host-available .thumb-area");
        waitFor("offline", () -> health.getText().startsWith("offline · stored on"));
    }
}
