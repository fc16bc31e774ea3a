package network.shaga.resources;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** The offline basemap bundled in this jar: 256 px Web-Mercator PNG tiles of Natural Earth, zoom 0 to {@value #MAX_ZOOM}. */
public final class BasemapTiles {
    /** The deepest bundled zoom level; level z has 2^z × 2^z tiles. */
    public static final int MAX_ZOOM = 4;
    /** Tile edge in pixels. */
    public static final int TILE_SIZE = 256;
    /** Credit to show with the map (the data is public domain; crediting it is asked, not required). */
    public static final String ATTRIBUTION = "Made with Natural Earth";

    private static final String ROOT = "/network/shaga/resources/tiles/";

    private BasemapTiles() {
    }

    /** Whether a tile with these coordinates is bundled. */
    public static boolean contains(int zoom, long x, long y) {
        if (zoom < 0 || zoom > MAX_ZOOM) {
            return false;
        }
        long side = 1L << zoom;
        return x >= 0 && x < side && y >= 0 && y < side;
    }

    /** The PNG bytes of a bundled tile, or empty when {@link #contains} is false. */
    public static Optional<byte[]> read(int zoom, long x, long y) throws IOException {
        if (!contains(zoom, x, y)) {
            return Optional.empty();
        }
        String name = ROOT + zoom + "/" + x + "/" + y + ".png";
        try (InputStream in = BasemapTiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("bundled basemap tile " + name + " is missing from the jar; rebuild the resources module");
            }
            return Optional.of(in.readAllBytes());
        }
    }
}
