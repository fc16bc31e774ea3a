package network.shaga.app.ui.play;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.collections.ObservableList;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import network.shaga.app.ui.DesktopApp;
import network.shaga.app.ui.FxThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The host table makes its rows before any host arrives, and is left showing exactly what it showed. */
@ExtendWith(ApplicationExtension.class)
@Timeout(60)
class PreparedRowsTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @Start
    void start(Stage stage) {
        // The test lays the screen out in a scene of its own, never shown, as the app does before its window opens.
    }

    @Test
    void rowsAreMadeOffScreenAndTheTableStaysEmpty() throws Exception {
        try {
            Integer[] rows = WaitForAsyncUtils.asyncFx(() -> {
                // A directory that never answers: no host arrives during the test.
                PlayController play = PlayController.browseOnly((area, onHost) -> new CompletableFuture<>(), new FxThread(), timer, Runnable::run);
                Parent root = play.view();
                Scene scene = new Scene(root, 1440, 900);
                scene.getStylesheets().add(DesktopApp.class.getResource("shaga.css").toExternalForm());
                root.applyCss();
                root.resize(1440, 900);
                root.layout();
                @SuppressWarnings("unchecked")
                TableView<HostRow> table = (TableView<HostRow>) root.lookup("#host-table");
                ObservableList<HostRow> items = table.getItems();
                int before = root.lookupAll(".table-row-cell").size();
                play.prepareRows();
                int after = root.lookupAll(".table-row-cell").size();
                return new Integer[] {before, after, items == table.getItems() ? 1 : 0, table.getItems().size()};
            }).get(30, TimeUnit.SECONDS);
            assertThat(rows[0]).as("no rows before").isZero();
            assertThat(rows[1]).as("a tableful of rows after (900 px window, 30 px rows)").isGreaterThan(10);
            assertThat(rows[2]).as("the table shows its own list again").isEqualTo(1);
            assertThat(rows[3]).as("and that list is still empty").isZero();
        } finally {
            timer.shutdownNow();
        }
    }
}
