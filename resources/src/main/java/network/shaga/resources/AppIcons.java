package network.shaga.resources;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The app icon at the sizes a window manager picks from (the same artwork as the installers' icon set). */
public final class AppIcons {
    /** Edge lengths bundled, in pixels. */
    public static final int[] SIZES = {16, 32, 48, 64, 128, 256};

    private AppIcons() {
    }

    /** Streams of the bundled PNGs, smallest first; the caller closes them. */
    public static List<InputStream> open() {
        List<InputStream> out = new ArrayList<>();
        for (int size : SIZES) {
            InputStream in = AppIcons.class.getResourceAsStream("/network/shaga/resources/icons/shaga-" + size + ".png");
            if (in != null) {
                out.add(in);
            }
        }
        return out;
    }
}
