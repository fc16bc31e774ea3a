package network.shaga.app.ui.perf;

import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.ImageView;

/**
 * Notes when the first frames with map tiles, and with host markers, were on screen: after a layout pass leaves a
 * basemap tile image (or a marker symbol) in a map of the scene, that pulse renders it, and the next pulse marks the
 * frame as shown. Completes with the wall-clock time of that pulse ({@link System#currentTimeMillis()}), comparable
 * with the JVM's start time.
 */
public final class FirstMapFrame {
    /** The style class of the Gluon map view inside {@code WorldMap}. */
    private static final String MAP_VIEW = "world-map-view";
    /** The style class of a marker or bubble on the map ({@code MarkerSymbol}). */
    private static final String MAP_SYMBOL = "map-symbol";

    private final Scene scene;
    private final Milestone tiles = new Milestone(FirstMapFrame::showsTiles);
    private final Milestone markers = new Milestone(root -> anyVisibleMapHas(root, node -> node.getStyleClass().contains(MAP_SYMBOL)));
    private final Runnable afterLayout = this::afterLayout;
    private final AnimationTimer nextPulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            tiles.pulse();
            markers.pulse();
            if (tiles.shown.isDone() && markers.shown.isDone()) {
                stop();
            }
        }
    };

    private FirstMapFrame(Scene scene) {
        this.scene = scene;
    }

    /** Starts watching {@code scene}; call on the FX thread, before or right after the window is shown. */
    public static FirstMapFrame watch(Scene scene) {
        FirstMapFrame probe = new FirstMapFrame(scene);
        scene.addPostLayoutPulseListener(probe.afterLayout);
        probe.nextPulse.start();
        return probe;
    }

    /** The wall-clock time (ms since the epoch) of the first frame that showed map tiles. */
    public CompletableFuture<Long> tilesShown() {
        return tiles.shown;
    }

    /** The wall-clock time (ms since the epoch) of the first frame that showed a host marker or bubble on a map. */
    public CompletableFuture<Long> markersShown() {
        return markers.shown;
    }

    /** Whether a visible map in this subtree shows at least one tile image. */
    public static boolean showsTiles(Node root) {
        return anyVisibleMapHas(root, node -> node instanceof ImageView view && view.getImage() != null);
    }

    /*
     * These checks run after every layout pass until both firsts are seen, in the frames they measure, so they walk
     * only what is visible and test style classes directly: a CSS-selector lookup over the whole window (every mode's
     * screen is in it) took 30-100 ms of the FX thread per pulse on a slow machine, and showed up as the stalls of the
     * app's first half second.
     */
    private static boolean anyVisibleMapHas(Node root, Predicate<Node> wanted) {
        return anyVisibleMapHas(root, wanted, false);
    }

    private static boolean anyVisibleMapHas(Node node, Predicate<Node> wanted, boolean insideMap) {
        if (!node.isVisible()) {
            return false;
        }
        boolean inMap = insideMap || node.getStyleClass().contains(MAP_VIEW);
        if (inMap && wanted.test(node)) {
            return true;
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                if (anyVisibleMapHas(child, wanted, inMap)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void afterLayout() {
        if (scene.getRoot() != null) {
            tiles.afterLayout(scene.getRoot());
            markers.afterLayout(scene.getRoot());
        }
        if (tiles.laidOut && markers.laidOut) {
            scene.removePostLayoutPulseListener(afterLayout);
        }
    }

    /** One first: laid out in some pulse, shown at the next. */
    private static final class Milestone {
        private final Predicate<Node> present;
        private final CompletableFuture<Long> shown = new CompletableFuture<>();
        private boolean laidOut;

        Milestone(Predicate<Node> present) {
            this.present = present;
        }

        void afterLayout(Node root) {
            if (!laidOut && present.test(root)) {
                laidOut = true;
            }
        }

        void pulse() {
            if (laidOut && !shown.isDone()) {
                shown.complete(System.currentTimeMillis());
            }
        }
    }
}
