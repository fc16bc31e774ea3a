package network.shaga.app.ui.map;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Map tiles beyond the bundled zoom levels, from a tile server: downloaded on a background executor,
 * kept in a {@link TileDiskCache}. After a failed download it stops trying for a while, so an
 * offline app falls back at once instead of waiting for a timeout per tile.
 */
public final class OnlineTiles {
    private static final System.Logger LOG = System.getLogger(OnlineTiles.class.getName());
    /** OpenStreetMap asks clients to keep tiles at least seven days before fetching them again. */
    static final Duration FRESH_FOR = Duration.ofDays(7);
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);
    /** Where in the data directory the app keeps downloaded tiles. */
    public static final String CACHE_FOLDER = "tiles-cache";
    /** A cap that holds a few cities' worth of street-level tiles (≈ 10 000 tiles). */
    public static final long DEFAULT_CACHE_BYTES = 200L * 1024 * 1024;
    /** OpenStreetMap's tile usage policy allows at most two parallel downloads per client. */
    static final int MAX_PARALLEL_DOWNLOADS = 2;

    private final TileDownloader downloader;
    private final TileDiskCache cache;
    private final Executor executor;
    private final Clock clock;
    private final ConcurrentHashMap<TileKey, CompletableFuture<Optional<byte[]>>> inFlight = new ConcurrentHashMap<>();
    private final Semaphore downloadSlots = new Semaphore(MAX_PARALLEL_DOWNLOADS);
    private volatile Instant offlineUntil = Instant.MIN;

    /**
     * @param executor runs cache reads and downloads; two threads suit it best, since at most two
     *                 downloads run at once whatever its size
     */
    public OnlineTiles(TileDownloader downloader, TileDiskCache cache, Executor executor, Clock clock) {
        this.downloader = Objects.requireNonNull(downloader);
        this.cache = Objects.requireNonNull(cache);
        this.executor = Objects.requireNonNull(executor);
        this.clock = Objects.requireNonNull(clock);
    }

    /** OpenStreetMap's standard tiles, cached in {@code cacheDir} up to {@code maxCacheBytes}. Does disk I/O. */
    public static OnlineTiles openStreetMap(Path cacheDir, long maxCacheBytes, String userAgent, Executor executor) throws IOException {
        return new OnlineTiles(OsmTileDownloader.openStreetMap(userAgent), TileDiskCache.open(cacheDir, maxCacheBytes), executor, Clock.systemUTC());
    }

    /**
     * The tile's PNG from the cache if fresh, else from the server (then cached), else a stale cached
     * copy; empty when none of these has it. Never completes exceptionally.
     */
    public CompletableFuture<Optional<byte[]>> load(TileKey key) {
        CompletableFuture<Optional<byte[]>> created = new CompletableFuture<>();
        CompletableFuture<Optional<byte[]>> existing = inFlight.putIfAbsent(key, created);
        if (existing != null) {
            return existing;
        }
        try {
            executor.execute(() -> {
                try {
                    created.complete(fetch(key));
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "loading tile " + key.path() + " failed", e);
                    created.complete(Optional.empty());
                } finally {
                    inFlight.remove(key, created);
                }
            });
        } catch (RuntimeException rejected) {
            inFlight.remove(key, created);
            created.complete(Optional.empty());
        }
        return created;
    }

    /** Whether the last download failed recently, so tiles come from the cache or the bundled basemap only. */
    public boolean isOffline() {
        return clock.instant().isBefore(offlineUntil);
    }

    private Optional<byte[]> fetch(TileKey key) {
        Optional<TileDiskCache.CachedTile> cached = cache.read(key);
        Instant now = clock.instant();
        if (cached.isPresent() && cached.get().fetchedAt().plus(FRESH_FOR).isAfter(now)) {
            return Optional.of(cached.get().png());
        }
        Optional<byte[]> stale = cached.map(TileDiskCache.CachedTile::png);
        if (isOffline()) {
            return stale;
        }
        try {
            Optional<byte[]> downloaded = download(key);
            if (downloaded.isEmpty()) {
                return stale;
            }
            store(key, downloaded.get(), now);
            return downloaded;
        } catch (IOException e) {
            if (!isOffline()) {
                LOG.log(System.Logger.Level.INFO, "online map tiles unreachable (" + e.getMessage() + "); showing the offline basemap for "
                        + RETRY_AFTER_FAILURE.toSeconds() + " s");
            }
            offlineUntil = clock.instant().plus(RETRY_AFTER_FAILURE);
            return stale;
        }
    }

    private Optional<byte[]> download(TileKey key) throws IOException {
        try {
            downloadSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to download tile " + key.path(), e);
        }
        try {
            return downloader.download(key);
        } finally {
            downloadSlots.release();
        }
    }

    private void store(TileKey key, byte[] png, Instant now) {
        try {
            cache.write(key, png, now);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not cache tile " + key.path(), e);
        }
    }
}
