package network.shaga.app.ui.map;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups markers that would overlap on screen, per integer zoom level: each not yet grouped marker
 * (in id order) takes every ungrouped marker within {@code radius} pixels, found through a grid of
 * radius-sized cells; then groups whose centres are still closer than the radius are merged, so no
 * two symbols overlap much. A level is computed once on first use and kept until the markers
 * change, so panning and fractional zooming reuse it.
 */
final class MarkerClusterer {
    private final double radiusPixels;
    private List<MapMarker> markers = List.of();
    private double[] xs = new double[0];
    private double[] ys = new double[0];
    private final List<List<MarkerCluster>> byZoom = new ArrayList<>();

    MarkerClusterer(double radiusPixels) {
        this.radiusPixels = radiusPixels;
        clearLevels();
    }

    /** Replaces the markers (any order) and forgets every computed level. */
    void setMarkers(List<MapMarker> newMarkers) {
        markers = newMarkers.stream().sorted(Comparator.comparing(MapMarker::id)).toList();
        xs = new double[markers.size()];
        ys = new double[markers.size()];
        for (int i = 0; i < markers.size(); i++) {
            xs[i] = WebMercator.x(markers.get(i).position().longitude());
            ys[i] = WebMercator.y(markers.get(i).position().latitude());
        }
        clearLevels();
    }

    /** The symbols to draw at this zoom level, least interesting status first (so the best are drawn on top). */
    List<MarkerCluster> clustersAt(int zoom) {
        int level = Math.max(0, Math.min(TileKey.MAX_ZOOM, zoom));
        List<MarkerCluster> clusters = byZoom.get(level);
        if (clusters == null) {
            clusters = compute(level);
            byZoom.set(level, clusters);
        }
        return clusters;
    }

    private List<MarkerCluster> compute(int zoom) {
        double radius = radiusPixels / WebMercator.worldSize(zoom);
        List<Group> groups = seedGroups(radius);
        while (mergeCloseGroups(groups, radius)) {
            groups.removeIf(Group::isEmpty);
        }
        List<MarkerCluster> clusters = new ArrayList<>(groups.size());
        for (Group group : groups) {
            clusters.add(group.toCluster(markers));
        }
        clusters.sort(Comparator.comparing(MarkerCluster::status).thenComparingDouble(MarkerCluster::y));
        return List.copyOf(clusters);
    }

    /** Greedy pass: each ungrouped marker takes the ungrouped markers within the radius. */
    private List<Group> seedGroups(double radius) {
        Map<Long, List<Integer>> grid = new HashMap<>();
        for (int i = 0; i < xs.length; i++) {
            grid.computeIfAbsent(cell(xs[i], ys[i], radius, 0, 0), k -> new ArrayList<>()).add(i);
        }
        boolean[] taken = new boolean[xs.length];
        List<Group> groups = new ArrayList<>();
        for (int seed = 0; seed < xs.length; seed++) {
            if (taken[seed]) {
                continue;
            }
            Group group = new Group();
            for (int dx = -1; dx <= 1; dx++) {
                for (int dy = -1; dy <= 1; dy++) {
                    for (int candidate : grid.getOrDefault(cell(xs[seed], ys[seed], radius, dx, dy), List.of())) {
                        if (!taken[candidate] && squaredDistance(xs[candidate], ys[candidate], xs[seed], ys[seed]) <= radius * radius) {
                            taken[candidate] = true;
                            group.add(candidate, xs[candidate], ys[candidate]);
                        }
                    }
                }
            }
            groups.add(group);
        }
        return groups;
    }

    /**
     * The greedy pass can leave two groups whose centres are closer than the radius, which would
     * draw overlapping bubbles; merges such pairs. Returns whether anything merged.
     */
    private static boolean mergeCloseGroups(List<Group> groups, double radius) {
        Map<Long, List<Group>> grid = new HashMap<>();
        for (Group group : groups) {
            grid.computeIfAbsent(cell(group.x(), group.y(), radius, 0, 0), k -> new ArrayList<>()).add(group);
        }
        boolean merged = false;
        for (Group group : groups) {
            if (group.isEmpty()) {
                continue;
            }
            for (int dx = -1; dx <= 1; dx++) {
                for (int dy = -1; dy <= 1; dy++) {
                    for (Group other : grid.getOrDefault(cell(group.x(), group.y(), radius, dx, dy), List.of())) {
                        if (other != group && !other.isEmpty() && squaredDistance(other.x(), other.y(), group.x(), group.y()) < radius * radius) {
                            group.absorb(other);
                            merged = true;
                        }
                    }
                }
            }
        }
        return merged;
    }

    /** Markers being collected into one symbol (indices into the sorted markers). */
    private static final class Group {
        private final List<Integer> members = new ArrayList<>();
        private double sumX;
        private double sumY;

        void add(int index, double x, double y) {
            members.add(index);
            sumX += x;
            sumY += y;
        }

        void absorb(Group other) {
            members.addAll(other.members);
            sumX += other.sumX;
            sumY += other.sumY;
            other.members.clear();
            other.sumX = 0;
            other.sumY = 0;
        }

        boolean isEmpty() {
            return members.isEmpty();
        }

        double x() {
            return sumX / members.size();
        }

        double y() {
            return sumY / members.size();
        }

        MarkerCluster toCluster(List<MapMarker> markers) {
            MarkerStatus best = MarkerStatus.OFFLINE;
            MapMarker[] shown = new MapMarker[members.size()];
            for (int k = 0; k < shown.length; k++) {
                shown[k] = markers.get(members.get(k));
                if (shown[k].status().compareTo(best) > 0) {
                    best = shown[k].status();
                }
            }
            return new MarkerCluster(x(), y(), List.of(shown), best);
        }
    }

    private static double squaredDistance(double x1, double y1, double x2, double y2) {
        double dx = x1 - x2;
        double dy = y1 - y2;
        return dx * dx + dy * dy;
    }

    private static long cell(double x, double y, double size, int dx, int dy) {
        long column = (long) Math.floor(x / size) + dx;
        long row = (long) Math.floor(y / size) + dy;
        return (column << 32) ^ (row & 0xffffffffL);
    }

    private void clearLevels() {
        byZoom.clear();
        for (int zoom = 0; zoom <= TileKey.MAX_ZOOM; zoom++) {
            byZoom.add(null);
        }
    }
}
