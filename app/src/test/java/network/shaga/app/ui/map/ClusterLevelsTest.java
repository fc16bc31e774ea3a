package network.shaga.app.ui.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ClusterLevelsTest {
    /** Tasks held until the test runs them, standing for the worker thread and the FX thread. */
    private static final class HeldTasks implements Executor {
        private final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        int runAll() {
            int ran = 0;
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                task.run();
                ran++;
            }
            return ran;
        }
    }

    private final HeldTasks worker = new HeldTasks();
    private final HeldTasks fx = new HeldTasks();
    private int results;
    private final ClusterLevels levels = new ClusterLevels(MarkerLayer.CLUSTER_RADIUS_PX, worker, fx, () -> results++);

    private static List<MarkerCluster> expected(List<MapMarker> markers, int zoom) {
        MarkerClusterer direct = new MarkerClusterer(MarkerLayer.CLUSTER_RADIUS_PX);
        direct.setMarkers(markers);
        return direct.clustersAt(zoom);
    }

    @Test
    void aLevelIsComputedOnTheWorkerAndHandedOverOnTheFxThread() {
        List<MapMarker> markers = MarkerClustererTest.randomMarkers(400, new Random(1));
        levels.setMarkers(markers);

        assertThat(levels.ready(2)).isEmpty();
        assertThat(worker.runAll()).as("the level and its two neighbours").isEqualTo(3);
        assertThat(levels.ready(2)).as("not before the FX thread took it").isEmpty();
        fx.runAll();

        assertThat(results).isEqualTo(3);
        assertThat(levels.ready(2)).contains(expected(markers, 2));
        assertThat(levels.ready(3)).contains(expected(markers, 3));
        assertThat(levels.ready(1)).contains(expected(markers, 1));
        assertThat(worker.runAll()).as("nothing is computed twice").isZero();
    }

    @Test
    void askingAgainBeforeTheResultDoesNotComputeAgain() {
        levels.setMarkers(MarkerClustererTest.randomMarkers(50, new Random(2)));
        levels.ready(0);
        levels.ready(0);
        assertThat(worker.runAll()).as("level 0 and 1").isEqualTo(2);
    }

    @Test
    void resultsForMarkersThatHaveBeenReplacedAreDropped() {
        List<MapMarker> old = MarkerClustererTest.randomMarkers(300, new Random(3));
        List<MapMarker> replacement = old.subList(0, 100);
        levels.setMarkers(old);
        levels.ready(2);
        worker.runAll();
        // The old results are on their way to the FX thread when the markers change.
        levels.setMarkers(replacement);
        fx.runAll();

        assertThat(results).as("no stale result was kept").isZero();
        assertThat(levels.ready(2)).isEmpty();
        worker.runAll();
        fx.runAll();
        assertThat(levels.ready(2)).contains(expected(replacement, 2));
        assertThat(levels.ready(2).orElseThrow().stream().mapToInt(MarkerCluster::size).sum()).isEqualTo(100);
    }

    @Test
    void workForMarkersAlreadyReplacedIsSkipped() {
        levels.setMarkers(MarkerClustererTest.randomMarkers(300, new Random(4)));
        levels.ready(2);
        levels.setMarkers(List.of());
        worker.runAll();
        assertThat(fx.runAll()).as("nothing computed for the replaced markers").isZero();
    }

    @Test
    void aZoomChangeWhileALevelIsComputedGetsItsOwnLevel() {
        List<MapMarker> markers = MarkerClustererTest.randomMarkers(500, new Random(5));
        levels.setMarkers(markers);
        levels.ready(2);
        worker.runAll();
        // The user zoomed to 6 before level 2 arrived: level 2 is kept for later, level 6 is computed too.
        assertThat(levels.ready(6)).isEmpty();
        fx.runAll();
        assertThat(levels.ready(6)).isEmpty();
        worker.runAll();
        fx.runAll();
        assertThat(levels.ready(6)).contains(expected(markers, 6));
        assertThat(levels.ready(2)).contains(expected(markers, 2));
    }

    @Test
    void nowComputesOnTheCallingThreadWhenNotReady() {
        List<MapMarker> markers = MarkerClustererTest.randomMarkers(200, new Random(6));
        levels.setMarkers(markers);
        assertThat(levels.now(4)).isEqualTo(expected(markers, 4));
        assertThat(levels.ready(4)).as("kept for drawing").contains(expected(markers, 4));
        assertThat(worker.runAll()).isZero();
    }

    @Test
    void aDirectWorkerDeliversAtOnce() {
        ClusterLevels direct = new ClusterLevels(MarkerLayer.CLUSTER_RADIUS_PX, Runnable::run, Runnable::run, () -> { });
        List<MapMarker> markers = MarkerClustererTest.randomMarkers(100, new Random(7));
        direct.setMarkers(markers);
        assertThat(direct.ready(3)).isEqualTo(Optional.of(expected(markers, 3)));
    }
}
