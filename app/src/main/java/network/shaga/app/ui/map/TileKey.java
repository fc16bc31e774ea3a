package network.shaga.app.ui.map;

import java.util.Optional;

/** The address of one 256 px Web-Mercator tile: zoom level, column and row, numbered as OpenStreetMap does. */
public record TileKey(int zoom, long x, long y) {
    /** The deepest zoom level Gluon Maps asks for and OpenStreetMap serves. */
    public static final int MAX_ZOOM = 19;

    public TileKey {
        if (!isValid(zoom, x, y)) {
            throw new IllegalArgumentException("no such tile: " + zoom + "/" + x + "/" + y);
        }
    }

    /** The tile at these coordinates, or empty when they lie outside the world. */
    public static Optional<TileKey> of(int zoom, long x, long y) {
        return isValid(zoom, x, y) ? Optional.of(new TileKey(zoom, x, y)) : Optional.empty();
    }

    /** The tile at a shallower (or the same) zoom level that covers this one. */
    public TileKey ancestor(int ancestorZoom) {
        if (ancestorZoom < 0 || ancestorZoom > zoom) {
            throw new IllegalArgumentException("zoom " + ancestorZoom + " is not at or above " + zoom);
        }
        int levels = zoom - ancestorZoom;
        return new TileKey(ancestorZoom, x >> levels, y >> levels);
    }

    /** The {@code z/x/y} path used by tile servers and the disk cache. */
    public String path() {
        return zoom + "/" + x + "/" + y;
    }

    private static boolean isValid(int zoom, long x, long y) {
        if (zoom < 0 || zoom > MAX_ZOOM) {
            return false;
        }
        long side = 1L << zoom;
        return x >= 0 && x < side && y >= 0 && y < side;
    }
}
