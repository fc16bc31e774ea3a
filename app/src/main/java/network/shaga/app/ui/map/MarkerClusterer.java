package network.shaga.app.ui.map;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups markers that would overlap on screen, per integer zoom level: each not yet grouped marker
 * (in id order) takes every ungrouped marker within {@code radius} pixels, found through a grid of
 * radius-sized cells. A level is computed once on first use and kept until the markers change, so
 * panning and fractional zooming reuse it.
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
        Map<Long, List<Integer>> grid = new HashMap<>();
        for (int i = 0; i < xs.length; i++) {
            grid.computeIfAbsent(cell(xs[i], ys[i], radius, 0, 0), k -> new ArrayList<>()).add(i);
        }
        boolean[] taken = new boolean[xs.length];
        List<MarkerCluster> clusters = new ArrayList<>();
        List<Integer> members = new ArrayList<>();
        for (int seed = 0; seed < xs.length; seed++) {
            if (taken[seed]) {
                continue;
            }
            members.clear();
            for (int dx = -1; dx <= 1; dx++) {
                for (int dy = -1; dy <= 1; dy++) {
                    for (int candidate : grid.getOrDefault(cell(xs[seed], ys[seed], radius, dx, dy), List.of())) {
                        if (!taken[candidate] && Math.hypot(xs[candidate] - xs[seed], ys[candidate] - ys[seed]) <= radius) {
                            taken[candidate] = true;
                            members.add(candidate);
                        }
                    }
                }
            }
            clusters.add(cluster(members));
        }
        clusters.sort(Comparator.comparing(MarkerCluster::status).thenComparingDouble(MarkerCluster::y));
        return List.copyOf(clusters);
    }

    private MarkerCluster cluster(List<Integer> indices) {
        double sumX = 0;
        double sumY = 0;
        MarkerStatus best = MarkerStatus.OFFLINE;
        MapMarker[] members = new MapMarker[indices.size()];
        for (int k = 0; k < members.length; k++) {
            int i = indices.get(k);
            sumX += xs[i];
            sumY += ys[i];
            members[k] = markers.get(i);
            if (members[k].status().compareTo(best) > 0) {
                best = members[k].status();
            }
        }
        return new MarkerCluster(sumX / members.length, sumY / members.length, List.of(members), best);
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
