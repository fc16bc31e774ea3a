package network.shaga.app.ui.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class TileDiskCacheTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void storesAndReadsTilesWithTheirFetchTime() throws IOException {
        TileDiskCache cache = TileDiskCache.open(dir, 10_000);
        cache.write(new TileKey(7, 64, 42), new byte[] {1, 2, 3}, T0);

        TileDiskCache.CachedTile tile = cache.read(new TileKey(7, 64, 42)).orElseThrow();
        assertThat(tile.png()).containsExactly(1, 2, 3);
        assertThat(tile.fetchedAt()).isEqualTo(T0);
        assertThat(Files.exists(dir.resolve("7/64/42.png"))).isTrue();
        assertThat(cache.read(new TileKey(7, 64, 43))).isEmpty();
    }

    @Test
    void evictsTheTilesFetchedLongestAgoWhenOverTheCap() throws IOException {
        TileDiskCache cache = TileDiskCache.open(dir, 1_000);
        cache.write(new TileKey(5, 1, 1), new byte[400], T0);
        cache.write(new TileKey(5, 1, 2), new byte[400], T0.plusSeconds(1));
        cache.write(new TileKey(5, 1, 3), new byte[400], T0.plusSeconds(2));

        assertThat(cache.sizeBytes()).isEqualTo(800);
        assertThat(cache.tileCount()).isEqualTo(2);
        assertThat(cache.read(new TileKey(5, 1, 1))).isEmpty();
        assertThat(Files.exists(dir.resolve("5/1/1.png"))).isFalse();
        assertThat(cache.read(new TileKey(5, 1, 3))).isPresent();
    }

    @Test
    void replacingATileCountsItsSizeOnce() throws IOException {
        TileDiskCache cache = TileDiskCache.open(dir, 1_000);
        cache.write(new TileKey(6, 2, 2), new byte[300], T0);
        cache.write(new TileKey(6, 2, 2), new byte[500], T0.plusSeconds(5));

        assertThat(cache.sizeBytes()).isEqualTo(500);
        assertThat(cache.read(new TileKey(6, 2, 2)).orElseThrow().png()).hasSize(500);
    }

    @Test
    void reopeningIndexesWhatIsOnDiskAndIgnoresStrayFiles() throws IOException {
        TileDiskCache first = TileDiskCache.open(dir, 10_000);
        first.write(new TileKey(8, 10, 20), new byte[100], T0);
        first.write(new TileKey(9, 11, 21), new byte[200], T0.plusSeconds(1));
        Files.writeString(dir.resolve("notes.txt"), "not a tile");
        Files.createDirectories(dir.resolve("x/y"));
        Files.write(dir.resolve("x/y/z.png"), new byte[50]);
        Path interrupted = dir.resolve("8/10/.tile123.tmp");
        Files.write(interrupted, new byte[70]);

        TileDiskCache reopened = TileDiskCache.open(dir, 10_000);
        assertThat(reopened.tileCount()).isEqualTo(2);
        assertThat(reopened.sizeBytes()).isEqualTo(300);
        assertThat(reopened.read(new TileKey(9, 11, 21)).orElseThrow().fetchedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(Files.exists(interrupted)).as("leftovers of interrupted writes are cleaned up").isFalse();
    }

    @Test
    void reopeningWithASmallerCapEvictsTheOldest() throws IOException {
        TileDiskCache first = TileDiskCache.open(dir, 10_000);
        first.write(new TileKey(8, 1, 1), new byte[600], T0);
        first.write(new TileKey(8, 1, 2), new byte[600], T0.plusSeconds(1));

        TileDiskCache smaller = TileDiskCache.open(dir, 1_000);
        assertThat(smaller.tileCount()).isEqualTo(1);
        assertThat(smaller.read(new TileKey(8, 1, 2))).isPresent();
        assertThat(Files.exists(dir.resolve("8/1/1.png"))).isFalse();
    }

    @Test
    void rejectsANonPositiveCap() {
        assertThatThrownBy(() -> TileDiskCache.open(dir, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
