package network.shaga.app.ui.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class MarkerClustererPropertyTest {
    private final MarkerClusterer clusterer = new MarkerClusterer(MarkerLayer.CLUSTER_RADIUS_PX);

    @Property(tries = 30)
    void everyMarkerIsInExactlyOneClusterWithinTheRadius(@ForAll @IntRange(min = 0, max = 400) int count,
                                                         @ForAll @IntRange(min = 0, max = 19) int zoom,
                                                         @ForAll long seed) {
        List<MapMarker> markers = MarkerClustererTest.randomMarkers(count, new Random(seed));
        clusterer.setMarkers(markers);
        List<MarkerCluster> clusters = clusterer.clustersAt(zoom);

        List<String> seen = new ArrayList<>();
        double size = WebMercator.worldSize(zoom);
        for (MarkerCluster cluster : clusters) {
            for (MapMarker member : cluster.members()) {
                seen.add(member.id());
                double dx = (WebMercator.x(member.position().longitude()) - cluster.x()) * size;
                double dy = (WebMercator.y(member.position().latitude()) - cluster.y()) * size;
                assertThat(Math.hypot(dx, dy)).isLessThanOrEqualTo(2 * MarkerLayer.CLUSTER_RADIUS_PX + 1e-6);
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(markers.stream().map(MapMarker::id).toList());
    }
}
