package network.shaga.app.ui.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The map as the app builds it: clusters computed on the map's own worker thread, tiles on whole pixels. */
@ExtendWith(ApplicationExtension.class)
@Timeout(60)
class WorldMapBackgroundClustersTest {
    private WorldMap map;

    @Start
    void start(Stage stage) {
        map = new WorldMap();
        stage.setScene(new Scene(map.view(), 801, 601));
        stage.show();
    }

    private <T> T onFx(Callable<T> query) {
        AtomicReference<T> result = new AtomicReference<>();
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            try {
                result.set(query.call());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return result.get();
    }

    private int markersDrawn() {
        return onFx(() -> map.layer().placedSymbols().stream().mapToInt(s -> s.cluster().map(MarkerCluster::size).orElse(1)).sum());
    }

    private void waitUntilDrawn(int markers) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> markersDrawn() == markers);
    }

    @Test
    void markersClusteredOffTheFxThreadReachTheScreenAndReplacedOnesLeaveIt() throws Exception {
        List<MapMarker> markers = MarkerClustererTest.randomMarkers(600, new Random(11));
        onFx(() -> {
            map.centerOn(20, 0, 1);
            map.setMarkers(markers);
            return null;
        });
        waitUntilDrawn(600);

        onFx(() -> {
            map.setMarkers(markers.subList(0, 50));
            return null;
        });
        waitUntilDrawn(50);

        // A level not computed yet, right after the markers changed again.
        onFx(() -> {
            map.setMarkers(markers.subList(100, 400));
            map.centerOn(20, 0, 4);
            return null;
        });
        java.util.Set<String> now = markers.subList(100, 400).stream().map(MapMarker::id).collect(java.util.stream.Collectors.toSet());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            List<String> drawn = onFx(() -> map.layer().placedSymbols().stream()
                    .flatMap(s -> s.cluster().map(MarkerCluster::members).orElseGet(() -> List.of(s.marker().orElseThrow())).stream())
                    .map(MapMarker::id).toList());
            return !drawn.isEmpty() && now.containsAll(drawn);
        });
    }

    @Test
    void atAWholeZoomLevelTheTilesLieOnWholePixels() throws Exception {
        Node basemap = onFx(() -> map.mapView().getChildrenUnmodifiable().get(0));
        for (double[] view : new double[][] {{48.137, 11.575, 5}, {-33.92, 18.42, 3}, {0.3, -0.7, 2}}) {
            onFx(() -> {
                map.centerOn(view[0], view[1], view[2]);
                return null;
            });
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> {
                double x = basemap.getTranslateX();
                double y = basemap.getTranslateY();
                return x == Math.rint(x) && y == Math.rint(y);
            }));
            GeoBounds shown = onFx(map::visibleBounds);
            double pixels = WebMercator.worldSize(view[2]);
            double centreY = (WebMercator.y(shown.north()) + WebMercator.y(shown.south())) / 2;
            double centreX = (WebMercator.x(shown.west()) + WebMercator.x(shown.east())) / 2;
            assertThat(Math.abs(centreY - WebMercator.y(view[0])) * pixels).as("moved by less than a pixel").isLessThanOrEqualTo(1.0);
            assertThat(Math.abs(centreX - WebMercator.x(view[1])) * pixels).as("moved by less than a pixel").isLessThanOrEqualTo(1.0);
        }
    }
}
