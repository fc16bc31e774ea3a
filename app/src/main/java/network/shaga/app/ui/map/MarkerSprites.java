package network.shaga.app.ui.map;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * The pictures of markers and count bubbles, drawn once per look and reused by every symbol. The software
 * renderer rasterised the halo, the disc and its outline of every symbol as anti-aliased paths on every frame of a
 * pan; copying a small picture costs a fraction of that. Each picture is a square of {@link #size} pixels with the
 * symbol's centre in the middle, so a symbol placed on a whole pixel lands on whole pixels.
 *
 * <p>The discs are anti-aliased by pixel coverage, as JavaFX draws a {@code Circle}: fill inside the radius, a
 * stroke centred on it, a translucent halo behind.
 *
 * <p>Pictures are plain pixel arrays, so {@link #prepareAll} can draw every one a map will ask for on a background
 * thread before the FX thread needs it: drawn there on first use, in the cold interpreter, the first bubbles of a
 * start held the FX thread for up to 190 ms.
 */
final class MarkerSprites {
    static final double MARKER_RADIUS = 6.5;
    static final double HALO = 5;
    static final double STROKE = 2;
    private static final Color OUTLINE = Color.web("#0b1119");
    private static final Color BUBBLE = Color.web("#11141a", 0.88);
    /** Bubble radii are drawn to this step (in pixels), so a handful of pictures serve every count. */
    private static final double RADIUS_STEP = 0.25;

    /** The largest bubble, for clusters of 2^(14/3) ≈ 25 hosts and more (see {@link #bubbleRadius}). */
    private static final double MAX_BUBBLE_RADIUS = 26;

    /** The pictures every map of the process shares: they depend on nothing but the status and the size. */
    static final MarkerSprites SHARED = new MarkerSprites();

    private final Map<String, Image> drawn = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean preparing = new java.util.concurrent.atomic.AtomicBoolean();

    /** The radius of the bubble of a cluster of {@code count} hosts: larger for more, up to a limit. */
    static double bubbleRadius(int count) {
        return Math.min(MAX_BUBBLE_RADIUS, 12 + 3 * Math.log(count) / Math.log(2));
    }

    /** Draws every marker and bubble picture not drawn yet; safe on any thread. */
    void prepareAll() {
        for (MarkerStatus status : MarkerStatus.values()) {
            marker(status);
            for (int count = 2; bubbleRadius(count - 1) < MAX_BUBBLE_RADIUS; count++) {
                bubble(status, bubbleRadius(count));
            }
        }
    }

    /** How many pictures are drawn. */
    int pictures() {
        return drawn.size();
    }

    /** {@link #prepareAll} on a short-lived daemon thread of its own, the first time it is asked for. */
    void prepareAllInBackground() {
        if (!preparing.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(this::prepareAll, "marker-sprites");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** The picture of one host. */
    Image marker(MarkerStatus status) {
        Color colour = MarkerSymbol.colour(status);
        double haloOpacity = status == MarkerStatus.OFFLINE ? 0 : 0.22;
        return drawn.computeIfAbsent("m" + status, k -> draw(MARKER_RADIUS, colour, OUTLINE, colour, haloOpacity));
    }

    /** The picture of a bubble of this radius (without its count, which is text). */
    Image bubble(MarkerStatus status, double radius) {
        double r = Math.round(radius / RADIUS_STEP) * RADIUS_STEP;
        Color colour = MarkerSymbol.colour(status);
        return drawn.computeIfAbsent("b" + status + r, k -> draw(r, BUBBLE, colour, colour, 0.18));
    }

    /** The side of the square picture for a disc of this radius. */
    static int size(double radius) {
        return 2 * (int) Math.ceil(radius + HALO + 1);
    }

    private static Image draw(double radius, Color fill, Color stroke, Color halo, double haloOpacity) {
        int size = size(radius);
        double centre = size / 2.0;
        int[] argb = new int[size * size];
        double[] rgba = new double[4];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double dx = x + 0.5 - centre;
                double dy = y + 0.5 - centre;
                double d = Math.sqrt(dx * dx + dy * dy);
                java.util.Arrays.fill(rgba, 0);
                over(rgba, halo, haloOpacity * disc(d, radius + HALO));
                over(rgba, fill, disc(d, radius));
                over(rgba, stroke, disc(d, radius + STROKE / 2) - disc(d, radius - STROKE / 2));
                argb[y * size + x] = channel(rgba[3]) << 24 | channel(rgba[0]) << 16 | channel(rgba[1]) << 8 | channel(rgba[2]);
            }
        }
        // One bulk write: a Color and a pixel write per pixel made the first bubbles a visible hitch on the FX thread.
        WritableImage image = new WritableImage(size, size);
        image.getPixelWriter().setPixels(0, 0, size, size, PixelFormat.getIntArgbInstance(), argb, 0, size);
        return image;
    }

    /** How much of the pixel at distance {@code d} from the centre a disc of radius {@code r} covers. */
    private static double disc(double d, double r) {
        return Math.max(0, Math.min(1, r - d + 0.5));
    }

    /** Paints {@code colour} at {@code coverage} over {@code rgba} (straight, not premultiplied, alpha). */
    private static void over(double[] rgba, Color colour, double coverage) {
        double a = colour.getOpacity() * coverage;
        if (a <= 0) {
            return;
        }
        double out = a + rgba[3] * (1 - a);
        rgba[0] = (colour.getRed() * a + rgba[0] * rgba[3] * (1 - a)) / out;
        rgba[1] = (colour.getGreen() * a + rgba[1] * rgba[3] * (1 - a)) / out;
        rgba[2] = (colour.getBlue() * a + rgba[2] * rgba[3] * (1 - a)) / out;
        rgba[3] = out;
    }

    private static int channel(double value) {
        return (int) Math.round(Math.max(0, Math.min(1, value)) * 255);
    }
}
