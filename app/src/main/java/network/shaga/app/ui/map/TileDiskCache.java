package network.shaga.app.ui.map;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Downloaded tiles on disk ({@code dir/z/x/y.png}), capped in total size: when a write goes over the
 * cap, the tiles fetched longest ago are deleted first. Safe to use from several threads.
 */
public final class TileDiskCache {
    private static final System.Logger LOG = System.getLogger(TileDiskCache.class.getName());

    private final Path dir;
    private final long maxBytes;
    /** Every cached tile, oldest fetch first. */
    private final LinkedHashMap<TileKey, Entry> entries = new LinkedHashMap<>();
    private long totalBytes;

    private TileDiskCache(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    /** A tile read back from the cache, with when it was downloaded. */
    public record CachedTile(byte[] png, Instant fetchedAt) {
    }

    private record Entry(long size, Instant fetchedAt) {
    }

    /** Opens (creating if needed) the cache in {@code dir} and indexes the tiles already there. Does disk I/O. */
    public static TileDiskCache open(Path dir, long maxBytes) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("cache size cap must be positive: " + maxBytes);
        }
        Files.createDirectories(dir);
        TileDiskCache cache = new TileDiskCache(dir, maxBytes);
        cache.index();
        return cache;
    }

    public synchronized Optional<CachedTile> read(TileKey key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CachedTile(Files.readAllBytes(file(key)), entry.fetchedAt()));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cached tile " + key.path() + " unreadable, dropping it", e);
            forget(key);
            return Optional.empty();
        }
    }

    /** Stores a downloaded tile (replacing an older copy) and evicts the oldest tiles while over the cap. */
    public synchronized void write(TileKey key, byte[] png, Instant fetchedAt) throws IOException {
        if (png.length > maxBytes) {
            return;
        }
        Path target = file(key);
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".tile", ".tmp");
        try {
            Files.write(temp, png);
            Files.setLastModifiedTime(temp, FileTime.from(fetchedAt));
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        Entry previous = entries.remove(key);
        if (previous != null) {
            totalBytes -= previous.size();
        }
        entries.put(key, new Entry(png.length, fetchedAt));
        totalBytes += png.length;
        evictOverCap();
    }

    public synchronized long sizeBytes() {
        return totalBytes;
    }

    public synchronized int tileCount() {
        return entries.size();
    }

    public long maxBytes() {
        return maxBytes;
    }

    private void index() throws IOException {
        record Found(TileKey key, long size, Instant fetchedAt) {
        }
        List<Found> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir, 3)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().endsWith(".tmp")) {
                    // Left behind by a write that was interrupted (crash, power loss).
                    Files.deleteIfExists(file);
                    continue;
                }
                Optional<TileKey> key = keyOf(file);
                if (key.isPresent() && Files.isRegularFile(file)) {
                    found.add(new Found(key.get(), Files.size(file), Files.getLastModifiedTime(file).toInstant()));
                }
            }
        }
        found.sort(Comparator.comparing(Found::fetchedAt));
        for (Found f : found) {
            entries.put(f.key(), new Entry(f.size(), f.fetchedAt()));
            totalBytes += f.size();
        }
        evictOverCap();
    }

    private Optional<TileKey> keyOf(Path file) {
        Path relative = dir.relativize(file);
        if (relative.getNameCount() != 3 || !relative.getFileName().toString().endsWith(".png")) {
            return Optional.empty();
        }
        try {
            String name = relative.getFileName().toString();
            return TileKey.of(
                    Integer.parseInt(relative.getName(0).toString()),
                    Long.parseLong(relative.getName(1).toString()),
                    Long.parseLong(name.substring(0, name.length() - ".png".length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void evictOverCap() {
        Iterator<Map.Entry<TileKey, Entry>> oldestFirst = entries.entrySet().iterator();
        while (totalBytes > maxBytes && oldestFirst.hasNext()) {
            Map.Entry<TileKey, Entry> oldest = oldestFirst.next();
            oldestFirst.remove();
            totalBytes -= oldest.getValue().size();
            try {
                Files.deleteIfExists(file(oldest.getKey()));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not delete cached tile " + oldest.getKey().path(), e);
            }
        }
    }

    private void forget(TileKey key) {
        Entry entry = entries.remove(key);
        if (entry != null) {
            totalBytes -= entry.size();
        }
    }

    private Path file(TileKey key) {
        return dir.resolve(Integer.toString(key.zoom())).resolve(Long.toString(key.x())).resolve(key.y() + ".png");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
