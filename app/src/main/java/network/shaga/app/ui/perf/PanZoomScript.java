package network.shaga.app.ui.perf;

/**
 * The pan and zoom path the UI benchmark flies, as a function of time: a 12 s loop that pans across the world at
 * zoom 2, pauses (the Play screen then searches the new area), zooms into Europe through the bundled tile levels up
 * to 5, pans east at that zoom to Asia, pauses again, and zooms back out, each move eased so speeds look like a
 * hand on a mouse.
 */
final class PanZoomScript {
    static final double LOOP_SECONDS = 12;

    /** How the zoom level changes along the path. */
    enum Zoom {
        /**
         * Whole levels, one step at a time, while the centre keeps moving: what the map's wheel, zoom buttons and
         * bubble clicks do (the map never rests between levels).
         */
        WHEEL,
        /** Continuously through fractional levels, every tile scaled on every frame: an animated zoom the map does not have. */
        SMOOTH
    }

    /** Where the map looks at {@code seconds} into the run when it zooms the {@code zoom} way. */
    static Camera at(double seconds, Zoom zoom) {
        Camera camera = at(seconds);
        return zoom == Zoom.WHEEL ? new Camera(camera.latitude(), camera.longitude(), Math.round(camera.zoom())) : camera;
    }

    /** Where the map looks at {@code seconds} into the run. */
    record Camera(double latitude, double longitude, double zoom) {
    }

    private PanZoomScript() {
    }

    /** Where the map looks at {@code seconds} into the run, zooming smoothly. */
    static Camera at(double seconds) {
        double t = seconds % LOOP_SECONDS;
        if (t < 3) {
            // Pan a full turn of the world eastwards, drifting north and back.
            double k = ease(t / 3);
            return new Camera(20 + 15 * Math.sin(Math.PI * k), wrap(10 + 360 * k), 2);
        }
        if (t < 4) {
            return new Camera(20, 10, 2);
        }
        if (t < 6.5) {
            double k = ease((t - 4) / 2.5);
            return new Camera(20 + (48 - 20) * k, 10 + (8 - 10) * k, 2 + 3 * k);
        }
        if (t < 9) {
            double k = ease((t - 6.5) / 2.5);
            return new Camera(48 - 18 * k, 8 + 92 * k, 5);
        }
        if (t < 10) {
            return new Camera(30, 100, 5);
        }
        double k = ease((t - 10) / 2);
        return new Camera(30 - 10 * k, wrap(100 + (370 - 100) * k), 5 - 3 * k);
    }

    private static double ease(double k) {
        return k * k * (3 - 2 * k);
    }

    private static double wrap(double lon) {
        return ((lon + 540) % 360) - 180;
    }
}
