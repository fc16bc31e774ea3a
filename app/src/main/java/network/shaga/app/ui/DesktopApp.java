package network.shaga.app.ui;

import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import network.shaga.app.core.DataDirectory;

/** Starts the JavaFX toolkit, shows the main window and blocks until the user closes it. */
public final class DesktopApp {
    private final DataDirectory dataDirectory;
    private final String version;

    public DesktopApp(DataDirectory dataDirectory, String version) {
        this.dataDirectory = dataDirectory;
        this.version = version;
    }

    public void runUntilClosed() throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Platform.setImplicitExit(true);
        Platform.startup(() -> {
            Stage stage = new Stage();
            MainWindow window = new MainWindow(dataDirectory, version);
            Scene scene = new Scene(window.root(), 1280, 800);
            scene.getStylesheets().add(DesktopApp.class.getResource("shaga.css").toExternalForm());
            stage.setTitle("Shaga");
            stage.setScene(scene);
            stage.setOnHidden(event -> closed.countDown());
            stage.show();
        });
        closed.await();
        Platform.exit();
    }
}
