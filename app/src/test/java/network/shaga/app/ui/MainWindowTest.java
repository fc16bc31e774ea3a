package network.shaga.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import network.shaga.app.core.DataDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    @Start
    void start(Stage stage) {
        MainWindow window = new MainWindow(new DataDirectory(Path.of("/tmp/shaga-ui-test")), "1.2.3", java.util.Map.of());
        stage.setScene(new Scene(window.root(), 1024, 700));
        stage.show();
    }

    @Test
    void opensOnPlayAndSwitchesModes(FxRobot robot) {
        assertThat(shown(robot, "#screen-play")).isTrue();
        robot.clickOn("#mode-wallet");
        assertThat(shown(robot, "#screen-wallet")).isTrue();
        assertThat(shown(robot, "#screen-play")).isFalse();
        robot.clickOn("#mode-host");
        assertThat(shown(robot, "#screen-host")).isTrue();
        assertThat(shown(robot, "#screen-wallet")).isFalse();
    }

    @Test
    void clickingTheSelectedModeKeepsItSelected(FxRobot robot) {
        robot.clickOn("#mode-play");
        assertThat(shown(robot, "#screen-play")).isTrue();
    }

    @Test
    void everyScreenIsInTheWindowFromTheStartButOnlyTheChosenOneIsVisible() {
        // Screens handed in are styled with the first frame, not when first opened.
        javafx.scene.layout.VBox play = new javafx.scene.layout.VBox();
        play.setId("given-play");
        javafx.scene.layout.VBox wallet = new javafx.scene.layout.VBox();
        wallet.setId("given-wallet");
        java.util.Map<MainWindow.Mode, javafx.scene.Parent> screens = new java.util.EnumMap<>(MainWindow.Mode.class);
        screens.put(MainWindow.Mode.PLAY, play);
        screens.put(MainWindow.Mode.WALLET, wallet);
        MainWindow window = new MainWindow(new DataDirectory(Path.of("/tmp/shaga-ui-test")), "1.2.3", screens);
        assertThat(play.getParent()).isNotNull();
        assertThat(wallet.getParent()).as("in the window before it is opened").isSameAs(play.getParent());
        assertThat(play.isVisible()).isTrue();
        assertThat(wallet.isVisible()).isFalse();
        window.select(MainWindow.Mode.WALLET);
        assertThat(wallet.isVisible()).isTrue();
        assertThat(play.isVisible()).isFalse();
    }

    /** True when a node matches {@code query} and is visible. */
    private static boolean shown(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false);
    }

    @Test
    void statusBarShowsVersionAndDataFolder(FxRobot robot) {
        assertThat(robot.lookup(".status-bar .label").queryAllAs(Label.class))
                .extracting(Label::getText)
                .contains("Shaga 1.2.3", "Data: /tmp/shaga-ui-test");
        Node root = robot.lookup(".shaga-root").query();
        assertThat(root).isNotNull();
    }
}
