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
        assertThat(robot.lookup("#screen-play").tryQuery()).isPresent();
        robot.clickOn("#mode-wallet");
        assertThat(robot.lookup("#screen-wallet").tryQuery()).isPresent();
        assertThat(robot.lookup("#screen-play").tryQuery()).isEmpty();
        robot.clickOn("#mode-host");
        assertThat(robot.lookup("#screen-host").tryQuery()).isPresent();
    }

    @Test
    void clickingTheSelectedModeKeepsItSelected(FxRobot robot) {
        robot.clickOn("#mode-play");
        assertThat(robot.lookup("#screen-play").tryQuery()).isPresent();
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
