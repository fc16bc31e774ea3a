package network.shaga.app.ui.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MarkerClustererTest {
    private final MarkerClusterer clusterer = new MarkerClusterer(MarkerLayer.CLUSTER_RADIUS_PX);

    @Test
    void nearbyMarkersShareABubbleWhenZoomedOutAndSplitWhenZoomedIn() {
        clusterer.setMarkers(List.of(
                marker("paris", 48.85, 2.35, MarkerStatus.BUSY),
                marker("brussels", 50.85, 4.35, MarkerStatus.AVAILABLE),
                marker("tokyo", 35.68, 139.69, MarkerStatus.OFFLINE)));

        List<MarkerCluster> world = clusterer.clustersAt(2);
        assertThat(world).hasSize(2);
        assertThat(world).extracting(MarkerCluster::size).containsExactlyInAnyOrder(2, 1);
        MarkerCluster europe = world.stream().filter(c -> c.size() == 2).findFirst().orElseThrow();
        assertThat(europe.status()).as("available beats busy").isEqualTo(MarkerStatus.AVAILABLE);
        assertThat(WebMercator.latitude(europe.y())).isBetween(48.85, 50.85);

        assertThat(clusterer.clustersAt(8)).hasSize(3).allMatch(MarkerCluster::isSingle);
    }

    @Test
    void theMostInterestingStatusIsDrawnLast() {
        clusterer.setMarkers(List.of(
                marker("a", 10, 10, MarkerStatus.AVAILABLE),
                marker("b", -30, 60, MarkerStatus.OFFLINE),
                marker("c", 40, -100, MarkerStatus.BUSY)));
        assertThat(clusterer.clustersAt(3)).extracting(MarkerCluster::status)
                .containsExactly(MarkerStatus.OFFLINE, MarkerStatus.BUSY, MarkerStatus.AVAILABLE);
    }

    @Test
    void newMarkersReplaceTheComputedLevels() {
        clusterer.setMarkers(List.of(marker("a", 0, 0, MarkerStatus.AVAILABLE)));
        assertThat(clusterer.clustersAt(5)).hasSize(1);
        clusterer.setMarkers(List.of(marker("a", 0, 0, MarkerStatus.AVAILABLE), marker("b", 40, 40, MarkerStatus.AVAILABLE)));
        assertThat(clusterer.clustersAt(5)).hasSize(2);
    }

    @Test
    void markersAtTheSameSpotStayTogetherAtEveryZoom() {
        clusterer.setMarkers(List.of(marker("a", 52.52, 13.40, MarkerStatus.AVAILABLE), marker("b", 52.52, 13.40, MarkerStatus.BUSY)));
        for (int zoom = 0; zoom <= TileKey.MAX_ZOOM; zoom++) {
            assertThat(clusterer.clustersAt(zoom)).hasSize(1);
        }
    }

    @Test
    void aThousandMarkersCollapseIntoFewSymbolsAtWorldZoom() {
        clusterer.setMarkers(randomMarkers(1000, new Random(7)));
        List<MarkerCluster> world = clusterer.clustersAt(1);
        assertThat(world.size()).isLessThan(100);
        assertThat(world.stream().mapToInt(MarkerCluster::size).sum()).isEqualTo(1000);
        assertThat(clusterer.clustersAt(1)).as("a computed level is reused").isSameAs(world);
    }

    static List<MapMarker> randomMarkers(int count, Random random) {
        List<MapMarker> markers = new ArrayList<>();
        MarkerStatus[] statuses = MarkerStatus.values();
        for (int i = 0; i < count; i++) {
            markers.add(marker("host-" + i, random.nextDouble() * 140 - 60, random.nextDouble() * 360 - 180, statuses[random.nextInt(statuses.length)]));
        }
        return markers;
    }

    private static MapMarker marker(String id, double lat, double lon, MarkerStatus status) {
        return new MapMarker(id, lat, lon, status, id);
    }
}
