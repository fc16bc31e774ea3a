package network.shaga.app.ui.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The UI benchmark harness, small and headless: it must produce numbers and put the hosts on the map (no timing goal here). */
@ExtendWith(ApplicationExtension.class)
@Timeout(180)
class UiBenchTest {

    @Start
    void start(Stage stage) {
        // The benchmark opens its own window.
    }

    @Test
    void panAndZoomOverSyntheticHostsProducesFrameTimesAndStallCounts() throws Exception {
        UiBench.Result result = UiBench.run(new UiBench.Settings(300, Duration.ofSeconds(5), 1, 1200, 800));

        assertThat(result.firstFrameMs()).isPositive();
        assertThat(result.markersShownMs()).isGreaterThanOrEqualTo(result.firstFrameMs());
        assertThat(result.markersInView()).isBetween(200, 300);
        assertThat(result.symbolsOnScreen()).isPositive();
        assertThat(result.frames().count()).isPositive();
        assertThat(result.searches()).as("the script pauses after 3 s; the Play screen searches then").isPositive();
        assertThat(result.frames().max()).isGreaterThanOrEqualTo(result.frames().p95()).isPositive();
        assertThat(result.stalls().waits().count()).isPositive();
        assertThat(result.pipeline()).isEqualTo("SWPipeline");
        assertThat(result.platform()).isEqualTo("MonocleApplication");

        assertThat(result.timeline()).as("one entry per second of the run").hasSizeBetween(5, 6);
        assertThat(result.timeline().stream().mapToInt(UiBench.Second::frames).sum()).isEqualTo(result.frames().count());
        assertThat(result.timeline()).allSatisfy(second -> assertThat(second.slowFrames()).isBetween(0, second.frames()));

        String json = PerfJson.text(PerfJson.of(result));
        assertThat(json).contains("\"frame_ms\"", "\"p95\"", "\"fx_stall_ms\"", "\"stalls_over_50ms\"", "\"first_frame_ms\"", "\"timeline\"",
                "\"over_20ms\"", "\"zoom\" : \"wheel\"");
    }
}
