package network.shaga.app.ui.perf;

import java.util.ArrayList;
import java.util.List;
import javafx.animation.AnimationTimer;

/**
 * Frame times of the JavaFX scene graph: the gaps between consecutive pulses, taken from the pulse timestamps an
 * {@link AnimationTimer} receives. While it runs the toolkit pulses every frame (60 Hz), so a gap longer than
 * 16.7 ms is a frame that took too long or a pulse that was held up. Start and stop on the FX thread.
 */
public final class FrameTimes {
    private final DurationLog gaps = new DurationLog();
    /** When each gap ended, in nanoseconds since the first pulse; parallel to {@link #gaps}. */
    private final DurationLog endings = new DurationLog();
    private final Pulse pulse = new Pulse();

    public void start() {
        pulse.first = -1;
        pulse.last = -1;
        pulse.start();
    }

    public void stop() {
        pulse.stop();
    }

    /** Forgets the frames measured so far. */
    public void reset() {
        gaps.clear();
        endings.clear();
        pulse.first = -1;
        pulse.last = -1;
    }

    /** Frame times in milliseconds; {@link Percentiles#count()} is the number of frames. */
    public Percentiles percentiles() {
        return gaps.percentiles();
    }

    /** One second of the run: how many frames ended in it and how many of those took longer than the threshold. */
    public record Second(int second, int frames, int slow) {
    }

    /** Frames and slow frames per whole second since the first pulse, so that slow frames can be matched to what ran then. */
    public List<Second> perSecond(double slowMillis) {
        long[] gap = gaps.toArray();
        long[] end = endings.toArray();
        int n = Math.min(gap.length, end.length);
        int seconds = n == 0 ? 0 : (int) (end[n - 1] / 1_000_000_000L) + 1;
        int[] frames = new int[seconds];
        int[] slow = new int[seconds];
        for (int i = 0; i < n; i++) {
            int s = (int) (end[i] / 1_000_000_000L);
            frames[s]++;
            if (gap[i] > slowMillis * 1e6) {
                slow[s]++;
            }
        }
        List<Second> out = new ArrayList<>(seconds);
        for (int s = 0; s < seconds; s++) {
            out.add(new Second(s, frames[s], slow[s]));
        }
        return out;
    }

    private final class Pulse extends AnimationTimer {
        private long first = -1;
        private long last = -1;

        @Override
        public void handle(long now) {
            if (first < 0) {
                first = now;
            }
            if (last >= 0) {
                gaps.add(now - last);
                endings.add(now - first);
            }
            last = now;
        }
    }
}
