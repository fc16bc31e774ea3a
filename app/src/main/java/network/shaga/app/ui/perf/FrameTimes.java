package network.shaga.app.ui.perf;

import javafx.animation.AnimationTimer;

/**
 * Frame times of the JavaFX scene graph: the gaps between consecutive pulses, taken from the pulse timestamps an
 * {@link AnimationTimer} receives. While it runs the toolkit pulses every frame (60 Hz), so a gap longer than
 * 16.7 ms is a frame that took too long or a pulse that was held up. Start and stop on the FX thread.
 */
public final class FrameTimes {
    private final DurationLog gaps = new DurationLog();
    private final Pulse pulse = new Pulse();

    public void start() {
        pulse.last = -1;
        pulse.start();
    }

    public void stop() {
        pulse.stop();
    }

    /** Forgets the frames measured so far. */
    public void reset() {
        gaps.clear();
        pulse.last = -1;
    }

    /** Frame times in milliseconds; {@link Percentiles#count()} is the number of frames. */
    public Percentiles percentiles() {
        return gaps.percentiles();
    }

    private final class Pulse extends AnimationTimer {
        private long last = -1;

        @Override
        public void handle(long now) {
            if (last >= 0) {
                gaps.add(now - last);
            }
            last = now;
        }
    }
}
