package network.shaga.app.ui.perf;

import java.util.concurrent.CompletableFuture;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.ImageView;

/**
 * Notes when the first frame with map tiles was on screen: after a layout pass leaves at least one basemap tile
 * image in a map of the scene, that pulse renders it, and the next pulse marks the frame as shown. Completes with the
 * wall-clock time of that pulse ({@link System#currentTimeMillis()}), comparable with the JVM's start time.
 */
public final class FirstMapFrame {
    /** The style class of the Gluon map view inside {@code WorldMap}. */
    private static final String MAP_VIEW = ".world-map-view";

    private final CompletableFuture<Long> shown = new CompletableFuture<>();
    private final Scene scene;
    private final Runnable afterLayout = this::checkTiles;
    private final AnimationTimer nextPulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (tilesLaidOut) {
                stop();
                shown.complete(System.currentTimeMillis());
            }
        }
    };
    private boolean tilesLaidOut;

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
    public CompletableFuture<Long> shown() {
        return shown;
    }

    /** Whether a map in this subtree shows at least one tile image. */
    public static boolean showsTiles(Node root) {
        for (Node map : root.lookupAll(MAP_VIEW)) {
            if (map.isVisible() && map.getScene() != null) {
                for (Node node : map.lookupAll(".image-view")) {
                    if (node instanceof ImageView view && view.getImage() != null && view.isVisible()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void checkTiles() {
        if (scene.getRoot() != null && showsTiles(scene.getRoot())) {
            tilesLaidOut = true;
            scene.removePostLayoutPulseListener(afterLayout);
        }
    }
}
