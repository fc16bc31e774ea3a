package network.shaga.app.ui.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The warm-up runs the Play screen over synthetic hosts without opening a window, and stops when closed. */
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class UiWarmupTest {

    @Start
    void start(Stage stage) {
        // No window of the test's own: the warm-up must not open one either.
    }

    @Test
    void theCopyListsHostsAndDrawsStepsInvisiblyUntilClosed() throws Exception {
        int windowsBefore = windows();
        UiWarmup warmup = UiWarmup.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while ((warmup.mostRows() == 0 || warmup.steps() < 5) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(warmup.mostRows()).as("the copy's list shows the synthetic hosts").isPositive();
            assertThat(windows()).as("nothing is shown").isEqualTo(windowsBefore);
        } finally {
            warmup.close();
        }
        int stepsAtClose = warmup.steps();
        Thread.sleep(600);
        assertThat(warmup.steps()).as("no step after close").isEqualTo(stepsAtClose);
        warmup.close();
    }

    @Test
    void recordMethodsAreLinkedThroughEqualButDistinctCopies() {
        // Throws when the two copies differ, which would leave the components' methods unreached.
        org.assertj.core.api.Assertions.assertThatCode(UiWarmup::linkRecordMethods).doesNotThrowAnyException();
    }

    private static int windows() throws Exception {
        CompletableFuture<Integer> count = new CompletableFuture<>();
        Platform.runLater(() -> count.complete((int) Window.getWindows().stream().filter(Window::isShowing).count()));
        return count.get(10, TimeUnit.SECONDS);
    }
}
