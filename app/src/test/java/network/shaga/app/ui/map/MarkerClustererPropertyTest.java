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
    void everyMarkerIsInExactlyOneClusterAndNoTwoClustersOverlap(@ForAll @IntRange(min = 0, max = 400) int count,
                                                         @ForAll @IntRange(min = 0, max = 19) int zoom,
                                                         @ForAll long seed) {
        List<MapMarker> markers = MarkerClustererTest.randomMarkers(count, new Random(seed));
        clusterer.setMarkers(markers);
        List<MarkerCluster> clusters = clusterer.clustersAt(zoom);

        List<String> seen = new ArrayList<>();
        for (MarkerCluster cluster : clusters) {
            cluster.members().forEach(member -> seen.add(member.id()));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(markers.stream().map(MapMarker::id).toList());

        double size = WebMercator.worldSize(zoom);
        for (int i = 0; i < clusters.size(); i++) {
            for (int j = i + 1; j < clusters.size(); j++) {
                double dx = (clusters.get(i).x() - clusters.get(j).x()) * size;
                double dy = (clusters.get(i).y() - clusters.get(j).y()) * size;
                assertThat(Math.hypot(dx, dy)).as("screen distance between symbols").isGreaterThanOrEqualTo(MarkerLayer.CLUSTER_RADIUS_PX - 1e-6);
            }
        }
    }
}
