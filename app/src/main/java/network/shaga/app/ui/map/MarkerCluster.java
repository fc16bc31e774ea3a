package network.shaga.app.ui.map;

import java.util.List;

/**
 * Markers drawn as one symbol at a zoom level: a single marker, or a count bubble.
 *
 * @param x       centre in world units (see {@link WebMercator})
 * @param y       centre in world units
 * @param members the markers, at least one
 * @param status  the most interesting status among them (available beats busy beats offline)
 */
record MarkerCluster(double x, double y, List<MapMarker> members, MarkerStatus status) {

    int size() {
        return members.size();
    }

    boolean isSingle() {
        return members.size() == 1;
    }

    long count(MarkerStatus wanted) {
        return members.stream().filter(m -> m.status() == wanted).count();
    }
}
