package network.shaga.app.ui.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PanZoomScriptTest {

    @Test
    void theWheelPathZoomsByWholeLevelsAlongTheSmoothPathsCentres() {
        TreeSet<Double> wheelLevels = new TreeSet<>();
        boolean smoothHasFractions = false;
        for (double t = 0; t < 2 * PanZoomScript.LOOP_SECONDS; t += 1 / 60.0) {
            PanZoomScript.Camera smooth = PanZoomScript.at(t, PanZoomScript.Zoom.SMOOTH);
            PanZoomScript.Camera wheel = PanZoomScript.at(t, PanZoomScript.Zoom.WHEEL);
            assertThat(wheel.latitude()).isEqualTo(smooth.latitude());
            assertThat(wheel.longitude()).isEqualTo(smooth.longitude());
            assertThat(Math.abs(wheel.zoom() - smooth.zoom())).isLessThanOrEqualTo(0.5);
            assertThat(wheel.zoom()).isEqualTo(Math.rint(wheel.zoom()));
            wheelLevels.add(wheel.zoom());
            smoothHasFractions |= smooth.zoom() != Math.rint(smooth.zoom());
        }
        assertThat(wheelLevels).containsExactly(2.0, 3.0, 4.0, 5.0);
        assertThat(smoothHasFractions).isTrue();
    }
}
