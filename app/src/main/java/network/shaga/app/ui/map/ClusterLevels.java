package network.shaga.app.ui.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The clusters of the current markers per zoom level, computed on a worker executor so that a thousand hosts
 * arriving, or a zoom to a level not seen yet, does not hold the FX thread. Each result is handed back through the
 * FX executor in one step and kept only if the markers it was computed from are still the current ones: results of
 * an older marker set are dropped, so a slow computation can never put back hosts that have gone. A level is
 * computed once per marker set, and its neighbours after it, so zooming on usually finds them ready.
 *
 * <p>Every method runs on the FX thread; {@code onResult} runs there too, after a result was kept.
 */
final class ClusterLevels {
    private static final int LEVELS = TileKey.MAX_ZOOM + 1;

    private final double radiusPixels;
    private final Executor worker;
    private final Executor fx;
    private final Runnable onResult;
    /** The newest marker set's number, read by the worker to skip work nobody will use. */
    private volatile long latest;
    private Generation current;

    /**
     * @param worker   runs the clustering (one task at a time is enough; tasks of one marker set are serialised)
     * @param fx       runs the hand-over on the FX thread
     * @param onResult told, on the FX thread, that a level became ready
     */
    ClusterLevels(double radiusPixels, Executor worker, Executor fx, Runnable onResult) {
        this.radiusPixels = radiusPixels;
        this.worker = Objects.requireNonNull(worker);
        this.fx = Objects.requireNonNull(fx);
        this.onResult = Objects.requireNonNull(onResult);
        this.current = new Generation(0, List.of(), radiusPixels);
    }

    /** Replaces the markers; every level is computed again, and results still running for the old ones are dropped. */
    void setMarkers(List<MapMarker> markers) {
        current = new Generation(current.id + 1, List.copyOf(markers), radiusPixels);
        latest = current.id;
    }

    List<MapMarker> markers() {
        return current.markers;
    }

    /**
     * The clusters of {@code zoom} for the current markers if they are ready; otherwise starts computing them (and
     * the neighbouring levels) and returns empty: {@code onResult} tells when to ask again.
     */
    Optional<List<MarkerCluster>> ready(int zoom) {
        int level = level(zoom);
        Generation generation = current;
        List<MarkerCluster> clusters = generation.ready.get(level);
        if (clusters != null) {
            return Optional.of(clusters);
        }
        for (int wanted : new int[] {level, level + 1, level - 1}) {
            if (wanted >= 0 && wanted < LEVELS && !generation.requested[wanted]) {
                generation.requested[wanted] = true;
                worker.execute(() -> compute(generation, wanted));
            }
        }
        // A synchronous worker has delivered already.
        return Optional.ofNullable(generation.ready.get(level));
    }

    /** The clusters of {@code zoom} for the current markers, computed on this thread if not ready (e.g. for a click). */
    List<MarkerCluster> now(int zoom) {
        int level = level(zoom);
        Generation generation = current;
        List<MarkerCluster> clusters = generation.ready.get(level);
        if (clusters == null) {
            if (generation.onFx == null) {
                generation.onFx = new MarkerClusterer(radiusPixels);
                generation.onFx.setMarkers(generation.markers);
            }
            clusters = generation.onFx.clustersAt(level);
            generation.ready.set(level, clusters);
        }
        return clusters;
    }

    /** On the worker. */
    private void compute(Generation generation, int level) {
        if (generation.id != latest) {
            return;
        }
        List<MarkerCluster> clusters;
        // One marker set's clusterer is used by one task at a time; the lock also publishes its state between the
        // worker's threads.
        synchronized (generation.onWorker) {
            if (!generation.projected) {
                generation.onWorker.setMarkers(generation.markers);
                generation.projected = true;
            }
            clusters = generation.onWorker.clustersAt(level);
        }
        fx.execute(() -> deliver(generation, level, clusters));
    }

    /** On the FX thread. */
    private void deliver(Generation generation, int level, List<MarkerCluster> clusters) {
        if (generation != current || generation.ready.get(level) != null) {
            return;
        }
        generation.ready.set(level, clusters);
        onResult.run();
    }

    private static int level(int zoom) {
        return Math.max(0, Math.min(TileKey.MAX_ZOOM, zoom));
    }

    /** One marker set and what has been computed of it. */
    private static final class Generation {
        final long id;
        final List<MapMarker> markers;
        /** Touched by the worker only, under its own lock. */
        final MarkerClusterer onWorker;
        boolean projected;
        /** The rest is the FX thread's. */
        final List<List<MarkerCluster>> ready = new ArrayList<>(LEVELS);
        final boolean[] requested = new boolean[LEVELS];
        MarkerClusterer onFx;

        Generation(long id, List<MapMarker> markers, double radiusPixels) {
            this.id = id;
            this.markers = markers;
            this.onWorker = new MarkerClusterer(radiusPixels);
            for (int i = 0; i < LEVELS; i++) {
                ready.add(null);
            }
        }
    }
}
