package network.shaga.app.ui;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/** The one place where work crosses onto the JavaFX thread: services complete elsewhere, the UI updates here. */
public final class FxThread implements Executor {
    @Override
    public void execute(Runnable task) {
        if (Platform.isFxApplicationThread()) {
            task.run();
        } else {
            Platform.runLater(task);
        }
    }
}
