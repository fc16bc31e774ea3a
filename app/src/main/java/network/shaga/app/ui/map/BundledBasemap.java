package network.shaga.app.ui.map;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.scene.image.Image;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import network.shaga.resources.BasemapTiles;

/**
 * The offline basemap as JavaFX images: bundled tiles up to {@link BasemapTiles#MAX_ZOOM}, and for
 * deeper zoom levels the covering bundled tile magnified (blurry, but never a blank map).
 * Thread-safe; decoded tiles are kept in a small LRU cache.
 *
 * <p>Every tile image keeps its pixels outside the Java heap, in a direct buffer. Tiles live for the
 * whole session (the map holds them) but are made in bursts while the user zooms; on the heap, each
 * burst's pixels would be copied by the collector's next young pause, on every thread's time,
 * FX thread included (docs/benchmarks.md, "Desktop app").
 */
public final class BundledBasemap {
    private static final System.Logger LOG = System.getLogger(BundledBasemap.class.getName());
    private static final int SIZE = BasemapTiles.TILE_SIZE;
    /** About 16 MB of decoded and magnified tiles: a screenful at two zoom levels. */
    private static final int DECODED_CACHE_TILES = 64;
    /** The bundled ocean colour, shown where no tile exists at all. */
    private static final int OCEAN_ARGB = 0xff0b1119;

    private final Map<TileKey, Image> decoded = new LinkedHashMap<>(DECODED_CACHE_TILES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TileKey, Image> eldest) {
            return size() > DECODED_CACHE_TILES;
        }
    };
    private volatile Image ocean;

    /** The best offline image for a tile: the bundled one, or its bundled ancestor magnified (decoded now if need be). */
    public Image tile(TileKey key) {
        int bundledZoom = Math.min(key.zoom(), BasemapTiles.MAX_ZOOM);
        Optional<Image> ancestor = bundled(key.ancestor(bundledZoom));
        if (ancestor.isEmpty()) {
            return ocean();
        }
        if (key.zoom() == bundledZoom) {
            return ancestor.get();
        }
        Image magnified = magnify(ancestor.get(), key, bundledZoom);
        synchronized (decoded) {
            decoded.put(key, magnified);
        }
        return magnified;
    }

    /** The tile's image if it is decoded already, so that showing it costs nothing; empty if {@link #tile} would have work to do. */
    public Optional<Image> ready(TileKey key) {
        synchronized (decoded) {
            return Optional.ofNullable(decoded.get(key));
        }
    }

    /** A plain ocean-coloured tile, for addresses outside the world. */
    public Image ocean() {
        Image image = ocean;
        if (image == null) {
            IntBuffer pixels = directPixels(SIZE, SIZE);
            while (pixels.hasRemaining()) {
                pixels.put(OCEAN_ARGB);
            }
            ocean = image = offHeapImage(SIZE, SIZE, pixels.rewind());
        }
        return image;
    }

    /** Decodes a downloaded PNG into an image whose pixels are off the heap; empty if it is not a readable image. */
    public static Optional<Image> decode(byte[] png) {
        Image image = new Image(new ByteArrayInputStream(png));
        if (image.isError() || image.getWidth() <= 0 || image.getHeight() <= 0) {
            return Optional.empty();
        }
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        IntBuffer pixels = directPixels(width, height);
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbPreInstance(), pixels, width);
        return Optional.of(offHeapImage(width, height, pixels));
    }

    /** Room for {@code width × height} premultiplied ARGB pixels, outside the Java heap. */
    private static IntBuffer directPixels(int width, int height) {
        return ByteBuffer.allocateDirect(width * height * Integer.BYTES).order(ByteOrder.nativeOrder()).asIntBuffer();
    }

    /** An image drawn straight from {@code pixels} (premultiplied ARGB, row after row), which must not change afterwards. */
    private static Image offHeapImage(int width, int height, IntBuffer pixels) {
        return new WritableImage(new PixelBuffer<>(width, height, pixels, PixelFormat.getIntArgbPreInstance()));
    }

    private Optional<Image> bundled(TileKey key) {
        synchronized (decoded) {
            Image cached = decoded.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Optional<Image> image;
        try {
            image = BasemapTiles.read(key.zoom(), key.x(), key.y()).flatMap(BundledBasemap::decode);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "bundled basemap tile " + key.path() + " unreadable", e);
            image = Optional.empty();
        }
        image.ifPresent(decodedImage -> {
            synchronized (decoded) {
                decoded.put(key, decodedImage);
            }
        });
        return image;
    }

    /**
     * Bilinear magnification of the part of {@code ancestor} that {@code key} covers, in 8-bit fixed point; the pixels
     * are opaque, so they are premultiplied too.
     */
    private static Image magnify(Image ancestor, TileKey key, int ancestorZoom) {
        int levels = key.zoom() - ancestorZoom;
        double span = (double) SIZE / (1L << levels);
        double originX = (key.x() - (key.x() >> levels << levels)) * span;
        double originY = (key.y() - (key.y() >> levels << levels)) * span;
        int[] source = new int[SIZE * SIZE];
        ancestor.getPixelReader().getPixels(0, 0, SIZE, SIZE, PixelFormat.getIntArgbInstance(), source, 0, SIZE);
        double step = span / SIZE;
        int[] column0 = new int[SIZE];
        int[] column1 = new int[SIZE];
        int[] columnWeight = new int[SIZE];
        for (int col = 0; col < SIZE; col++) {
            double sx = clamp(originX + (col + 0.5) * step - 0.5);
            column0[col] = (int) sx;
            column1[col] = Math.min(column0[col] + 1, SIZE - 1);
            columnWeight[col] = (int) ((sx - column0[col]) * 256);
        }
        int[] row = new int[SIZE];
        IntBuffer target = directPixels(SIZE, SIZE);
        for (int y = 0; y < SIZE; y++) {
            double sy = clamp(originY + (y + 0.5) * step - 0.5);
            int top = (int) sy * SIZE;
            int bottom = Math.min((int) sy + 1, SIZE - 1) * SIZE;
            int rowWeight = (int) ((sy - (int) sy) * 256);
            for (int col = 0; col < SIZE; col++) {
                int upper = lerp(source[top + column0[col]], source[top + column1[col]], columnWeight[col]);
                int lower = lerp(source[bottom + column0[col]], source[bottom + column1[col]], columnWeight[col]);
                row[col] = lerp(upper, lower, rowWeight);
            }
            target.put(row);
        }
        return offHeapImage(SIZE, SIZE, target.rewind());
    }

    /** Blends two opaque ARGB pixels, weight 0..256 towards {@code b}; red and blue are done in one multiply. */
    private static int lerp(int a, int b, int weight) {
        int inverse = 256 - weight;
        int redBlue = (((a & 0xff00ff) * inverse + (b & 0xff00ff) * weight) >>> 8) & 0xff00ff;
        int green = (((a & 0x00ff00) * inverse + (b & 0x00ff00) * weight) >>> 8) & 0x00ff00;
        return 0xff000000 | redBlue | green;
    }

    private static double clamp(double coordinate) {
        return Math.max(0, Math.min(SIZE - 1, coordinate));
    }
}
