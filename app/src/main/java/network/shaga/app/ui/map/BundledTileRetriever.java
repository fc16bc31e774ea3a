package network.shaga.app.ui.map;

import com.gluonhq.maps.tile.TileRetriever;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.scene.image.Image;
import network.shaga.resources.BasemapTiles;

/**
 * The tile source of every Gluon map in the app: bundled Natural Earth tiles for zoom 0-4 (completed
 * futures once decoded), OpenStreetMap tiles deeper when online tiles are enabled, and the bundled
 * tiles magnified when they are not or the network is down. Its futures never fail, because Gluon
 * Maps stops rendering when one does.
 *
 * <p>Gluon Maps creates its retriever itself, once per JVM, through {@link java.util.ServiceLoader}
 * (registered in {@code META-INF/services/com.gluonhq.maps.tile.TileRetriever}) with the no-argument
 * constructor, and keeps it in a static field. The app's settings can reach that instance only
 * through static state, so this class holds exactly one static slot: the {@link OnlineTiles} set by
 * the composition root with {@link #useOnlineTiles} (read on every request, so the order of start-up
 * does not matter). Everything else is injected through the other constructor, which tests use.
 */
public final class BundledTileRetriever implements TileRetriever {
    private static final System.Logger LOG = System.getLogger(BundledTileRetriever.class.getName());
    private static final AtomicReference<OnlineTiles> CONFIGURED_ONLINE_TILES = new AtomicReference<>();
    /** OpenStreetMap's licence asks for this credit wherever its tiles are shown. */
    static final String OSM_ATTRIBUTION = "© OpenStreetMap contributors";

    private final BundledBasemap basemap;
    private final Supplier<Optional<OnlineTiles>> onlineTiles;
    private final Executor decoder;

    /**
     * The instance Gluon Maps' ServiceLoader creates; online tiles as configured with {@link #useOnlineTiles}; tiles
     * not decoded yet are decoded on two background threads, so that zooming never waits for PNG decoding or
     * magnification on the FX thread (Gluon shows the coarser tile until the new one arrives).
     */
    public BundledTileRetriever() {
        this(new BundledBasemap(), () -> Optional.ofNullable(CONFIGURED_ONLINE_TILES.get()), Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "shaga-tile-decoder");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** Decodes on the calling thread: every bundled tile comes as an already completed future. */
    public BundledTileRetriever(BundledBasemap basemap, Supplier<Optional<OnlineTiles>> onlineTiles) {
        this(basemap, onlineTiles, Runnable::run);
    }

    public BundledTileRetriever(BundledBasemap basemap, Supplier<Optional<OnlineTiles>> onlineTiles, Executor decoder) {
        this.basemap = Objects.requireNonNull(basemap);
        this.onlineTiles = Objects.requireNonNull(onlineTiles);
        this.decoder = Objects.requireNonNull(decoder);
    }

    /** Lets every map fetch OpenStreetMap tiles beyond zoom 4 from now on. */
    public static void useOnlineTiles(OnlineTiles tiles) {
        CONFIGURED_ONLINE_TILES.set(Objects.requireNonNull(tiles));
    }

    /** Keeps every map on the bundled basemap (the default; also what {@code shaga demo} wants). */
    public static void useBundledTilesOnly() {
        CONFIGURED_ONLINE_TILES.set(null);
    }

    /** The credit line for what the maps currently show. */
    public static String attribution() {
        return CONFIGURED_ONLINE_TILES.get() == null
                ? BasemapTiles.ATTRIBUTION
                : BasemapTiles.ATTRIBUTION + " · " + OSM_ATTRIBUTION;
    }

    @Override
    public CompletableFuture<Image> loadTile(int zoom, long x, long y) {
        try {
            Optional<TileKey> key = TileKey.of(zoom, x, y);
            if (key.isEmpty()) {
                return CompletableFuture.completedFuture(basemap.ocean());
            }
            Optional<OnlineTiles> online = onlineTiles.get();
            if (zoom <= BasemapTiles.MAX_ZOOM || online.isEmpty()) {
                return offline(key.get());
            }
            return online.get().load(key.get())
                    .thenApply(png -> png.flatMap(BundledBasemap::decode).orElseGet(() -> basemap.tile(key.get())))
                    .exceptionally(failure -> fallback(key.get(), failure));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "tile " + zoom + "/" + x + "/" + y + " failed; showing ocean", e);
            return CompletableFuture.completedFuture(basemap.ocean());
        }
    }

    private CompletableFuture<Image> offline(TileKey key) {
        Optional<Image> ready = basemap.ready(key);
        if (ready.isPresent()) {
            return CompletableFuture.completedFuture(ready.get());
        }
        return CompletableFuture.supplyAsync(() -> basemap.tile(key), decoder).exceptionally(failure -> {
            LOG.log(System.Logger.Level.WARNING, "bundled tile " + key.path() + " failed; showing ocean", failure);
            return basemap.ocean();
        });
    }

    private Image fallback(TileKey key, Throwable failure) {
        LOG.log(System.Logger.Level.WARNING, "tile " + key.path() + " failed; showing the bundled basemap", failure);
        try {
            return basemap.tile(key);
        } catch (RuntimeException e) {
            return basemap.ocean();
        }
    }
}
