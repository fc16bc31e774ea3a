package network.shaga.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import network.shaga.app.core.DataDirectory;
import network.shaga.app.ui.perf.FirstMapFrame;
import network.shaga.app.ui.perf.SyntheticHosts;
import network.shaga.app.ui.play.PlayController;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The first-frame probe finds the map inside the whole window, as the app's watchdog uses it. */
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class FirstMapFrameInWindowTest {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();
    private FirstMapFrame probe;
    private long shownAt;

    @AfterAll
    static void stop() {
        TIMER.shutdownNow();
    }

    @Start
    void start(Stage stage) {
        PlayController play = PlayController.browseOnly(SyntheticHosts.generate(40, 3, TIMER), new FxThread(), TIMER, TIMER);
        MainWindow window = new MainWindow(new DataDirectory(Path.of("/tmp/shaga-ui-test")), "test", Map.of(MainWindow.Mode.PLAY, play.view()));
        Scene scene = new Scene(window.root(), 1200, 800);
        probe = FirstMapFrame.watch(scene);
        stage.setScene(scene);
        shownAt = System.currentTimeMillis();
        stage.show();
        play.start();
    }

    @Test
    void tilesAndMarkersAreSeenOnScreen() throws Exception {
        CompletableFuture<Long> tiles = probe.tilesShown();
        CompletableFuture<Long> markers = probe.markersShown();
        assertThat(tiles.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(shownAt);
        assertThat(markers.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(shownAt);
    }

    @Test
    void onlyATileImageInAVisibleMapCounts() {
        javafx.scene.image.ImageView tile = new javafx.scene.image.ImageView(new javafx.scene.image.WritableImage(1, 1));
        javafx.scene.layout.Pane map = new javafx.scene.layout.Pane(tile);
        map.getStyleClass().add("world-map-view");
        javafx.scene.layout.StackPane screen = new javafx.scene.layout.StackPane(map);
        javafx.scene.layout.StackPane root = new javafx.scene.layout.StackPane(new javafx.scene.layout.Pane(), screen);
        assertThat(FirstMapFrame.showsTiles(root)).isTrue();
        screen.setVisible(false);
        assertThat(FirstMapFrame.showsTiles(root)).as("a map on a hidden screen").isFalse();
        screen.setVisible(true);
        tile.setImage(null);
        assertThat(FirstMapFrame.showsTiles(root)).as("a tile not loaded yet").isFalse();
        map.getStyleClass().clear();
        tile.setImage(new javafx.scene.image.WritableImage(1, 1));
        assertThat(FirstMapFrame.showsTiles(root)).as("an image outside any map").isFalse();
    }
}
