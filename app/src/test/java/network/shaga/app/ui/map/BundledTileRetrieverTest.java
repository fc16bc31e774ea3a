package network.shaga.app.ui.map;

import static org.assertj.core.api.Assertions.assertThat;

import com.gluonhq.maps.tile.TileRetriever;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

@Timeout(60)
class BundledTileRetrieverTest {
    private static final int RED = 0xffff0000;
    private static byte[] redPng;

    @TempDir
    Path cacheDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final AtomicInteger downloads = new AtomicInteger();
    private TileDownloader server;
    private TileDiskCache cache;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        redPng = solidPng(Color.RED);
    }

    @BeforeEach
    void openCache() throws IOException {
        cache = TileDiskCache.open(cacheDir, 1_000_000);
    }

    private BundledTileRetriever offline() {
        return new BundledTileRetriever(new BundledBasemap(), Optional::empty);
    }

    private BundledTileRetriever online() {
        TileDownloader counting = key -> {
            downloads.incrementAndGet();
            return server.download(key);
        };
        OnlineTiles tiles = new OnlineTiles(counting, cache, Runnable::run, clock);
        return new BundledTileRetriever(new BundledBasemap(), () -> Optional.of(tiles));
    }

    @Test
    void gluonMapsFindsThisRetrieverThroughTheServiceLoader() {
        TileRetriever first = ServiceLoader.load(TileRetriever.class).iterator().next();
        assertThat(first).isInstanceOf(BundledTileRetriever.class);
    }

    @Test
    void aTileNotDecodedYetIsDecodedOnTheDecoderAndThenServedReady() {
        java.util.Queue<Runnable> decoder = new java.util.ArrayDeque<>();
        BundledTileRetriever retriever = new BundledTileRetriever(new BundledBasemap(), Optional::empty, decoder::add);
        for (int zoom : new int[] {3, 6}) {
            CompletableFuture<Image> first = retriever.loadTile(zoom, 4, 2);
            assertThat(first).as("zoom %d, not decoded yet", zoom).isNotDone();
            assertThat(decoder).hasSize(1);
            decoder.poll().run();
            assertThat(first).isDone();
            assertThat(first.join().getWidth()).isEqualTo(256);
            CompletableFuture<Image> again = retriever.loadTile(zoom, 4, 2);
            assertThat(again).isDone();
            assertThat(again.join()).isSameAs(first.join());
            assertThat(decoder).isEmpty();
        }
    }

    @Test
    void everyBundledTileIsServedAsACompletedFuture() {
        BundledTileRetriever retriever = offline();
        for (int z = 0; z <= 4; z++) {
            for (long x = 0; x < 1L << z; x++) {
                for (long y = 0; y < 1L << z; y++) {
                    CompletableFuture<Image> future = retriever.loadTile(z, x, y);
                    assertThat(future).as("tile %d/%d/%d", z, x, y).isCompleted();
                    Image image = future.getNow(null);
                    assertThat(image.getWidth()).isEqualTo(256);
                    assertThat(image.getHeight()).isEqualTo(256);
                    assertThat(image.isError()).isFalse();
                }
            }
        }
    }

    @Test
    void deeperTilesOfflineAreTheBundledTileMagnified() {
        BundledTileRetriever retriever = offline();
        Image z4 = retriever.loadTile(4, 8, 5).getNow(null);
        // Zoom 6 tile (34, 22) covers the 64 px square at (128, 128) of z4 tile (8, 5): 34 = 8*4 + 2, 22 = 5*4 + 2.
        CompletableFuture<Image> future = retriever.loadTile(6, 34, 22);
        assertThat(future).isCompleted();
        Image z6 = future.getNow(null);
        assertThat(z6.getWidth()).isEqualTo(256);
        for (int[] p : new int[][] {{0, 0}, {100, 37}, {255, 255}, {200, 10}}) {
            int expected = z4.getPixelReader().getArgb(128 + p[0] / 4, 128 + p[1] / 4);
            assertThat(distance(z6.getPixelReader().getArgb(p[0], p[1]), expected))
                    .as("pixel %d,%d matches the covered part of the z4 tile", p[0], p[1])
                    .isLessThan(60);
        }
    }

    @Test
    void tilePixelsAreKeptOutsideTheJavaHeap() {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct"))
                .findFirst()
                .orElseThrow();
        BundledBasemap basemap = new BundledBasemap();
        long before = direct.getMemoryUsed();
        List<Image> tiles = List.of(
                basemap.tile(new TileKey(4, 8, 5)),
                basemap.tile(new TileKey(6, 34, 22)),
                basemap.ocean(),
                BundledBasemap.decode(redPng).orElseThrow());
        long tileBytes = 256L * 256 * Integer.BYTES;
        assertThat(direct.getMemoryUsed() - before)
                .as("bundled, magnified, ocean and downloaded tiles each hold their pixels in a direct buffer")
                .isGreaterThanOrEqualTo(tiles.size() * tileBytes);
        assertThat(tiles.get(3).getPixelReader().getArgb(17, 200)).isEqualTo(RED);
        assertThat(tiles.get(2).getPixelReader().getArgb(0, 0)).isEqualTo(0xff0b1119);
    }

    @Test
    void everyZoomLevelOfflineGivesAnImageWithoutException() {
        BundledTileRetriever retriever = offline();
        for (int z = 5; z <= TileKey.MAX_ZOOM; z++) {
            long last = (1L << z) - 1;
            assertThat(retriever.loadTile(z, last, last / 3).getNow(null).getWidth()).isEqualTo(256);
        }
    }

    @Test
    void coordinatesOutsideTheWorldGiveOceanNotAnError() {
        BundledTileRetriever retriever = offline();
        for (CompletableFuture<Image> future : new CompletableFuture[] {retriever.loadTile(3, 8, 0), retriever.loadTile(-1, 0, 0), retriever.loadTile(25, 0, 0)}) {
            assertThat(future).isCompleted();
            assertThat(future.getNow(null).getPixelReader().getArgb(10, 10)).isEqualTo(0xff0b1119);
        }
    }

    @Test
    void onlineTilesAreDownloadedCachedAndServedFromTheCache() {
        server = key -> Optional.of(redPng);
        BundledTileRetriever retriever = online();

        Image first = retriever.loadTile(9, 270, 180).join();
        assertThat(first.getPixelReader().getArgb(5, 5)).isEqualTo(RED);
        assertThat(cache.read(new TileKey(9, 270, 180))).isPresent();

        Image again = online().loadTile(9, 270, 180).join();
        assertThat(again.getPixelReader().getArgb(200, 200)).isEqualTo(RED);
        assertThat(downloads).hasValue(1);
    }

    @Test
    void bundledZoomLevelsNeverGoOnline() {
        server = key -> Optional.of(redPng);
        BundledTileRetriever retriever = online();
        assertThat(retriever.loadTile(4, 3, 3)).isCompleted();
        assertThat(retriever.loadTile(4, 3, 3).join().getPixelReader().getArgb(5, 5)).isNotEqualTo(RED);
        assertThat(downloads).hasValue(0);
    }

    @Test
    void whenTheNetworkIsDownTheBundledTileIsMagnifiedAndRetriesWaitAWhile() {
        server = key -> {
            throw new IOException("no route to host");
        };
        BundledTileRetriever retriever = online();
        Image expected = offline().loadTile(7, 60, 40).join();

        CompletableFuture<Image> future = retriever.loadTile(7, 60, 40);
        assertThat(future).isCompleted().isNotCompletedExceptionally();
        assertThat(future.join().getPixelReader().getArgb(128, 128)).isEqualTo(expected.getPixelReader().getArgb(128, 128));
        assertThat(retriever.loadTile(7, 61, 40).join().getWidth()).isEqualTo(256);
        assertThat(downloads).as("no second attempt while offline").hasValue(1);

        clock.advance(OnlineTiles.RETRY_AFTER_FAILURE.plusSeconds(1));
        server = key -> Optional.of(redPng);
        assertThat(retriever.loadTile(7, 61, 40).join().getPixelReader().getArgb(1, 1)).isEqualTo(RED);
        assertThat(downloads).hasValue(2);
    }

    @Test
    void aStaleCachedTileBeatsTheFallbackWhenOffline() throws IOException {
        cache.write(new TileKey(8, 130, 90), redPng, clock.instant());
        clock.advance(OnlineTiles.FRESH_FOR.plus(Duration.ofDays(1)));
        server = key -> {
            throw new IOException("offline");
        };

        Image image = online().loadTile(8, 130, 90).join();
        assertThat(image.getPixelReader().getArgb(3, 3)).isEqualTo(RED);
        assertThat(downloads).as("a stale tile is refreshed when possible").hasValue(1);
    }

    @Test
    void brokenDownloadsAndBugsInTheDownloaderFallBackInsteadOfFailing() {
        server = key -> Optional.of(new byte[] {1, 2, 3, 4});
        assertThat(online().loadTile(6, 33, 20).join().getWidth()).isEqualTo(256);

        server = key -> {
            throw new IllegalStateException("bug");
        };
        CompletableFuture<Image> future = online().loadTile(6, 33, 21);
        assertThat(future).isNotCompletedExceptionally();
        assertThat(future.join().getWidth()).isEqualTo(256);

        server = key -> Optional.empty();
        assertThat(online().loadTile(6, 33, 22).join().getWidth()).isEqualTo(256);
    }

    @Test
    void downloadsRunOnTheInjectedExecutorNotTheCaller() throws Exception {
        server = key -> Optional.of(redPng);
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            Thread caller = Thread.currentThread();
            Thread[] ranOn = new Thread[1];
            TileDownloader recording = key -> {
                ranOn[0] = Thread.currentThread();
                return server.download(key);
            };
            OnlineTiles tiles = new OnlineTiles(recording, cache, executor, clock);
            BundledTileRetriever retriever = new BundledTileRetriever(new BundledBasemap(), () -> Optional.of(tiles));
            Image image = retriever.loadTile(10, 500, 300).get(10, TimeUnit.SECONDS);
            assertThat(image.getPixelReader().getArgb(0, 0)).isEqualTo(RED);
            assertThat(ranOn[0]).isNotNull().isNotSameAs(caller);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void atMostTwoDownloadsRunAtOnceWhateverTheExecutorSize() throws Exception {
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger peak = new AtomicInteger();
            TileDownloader slow = key -> {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                return Optional.of(redPng);
            };
            OnlineTiles tiles = new OnlineTiles(slow, cache, executor, clock);
            List<CompletableFuture<Optional<byte[]>>> loads = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                loads.add(tiles.load(new TileKey(12, 100 + i, 200)));
            }
            CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            assertThat(loads).allMatch(load -> load.join().isPresent());
            assertThat(peak.get()).isBetween(1, OnlineTiles.MAX_PARALLEL_DOWNLOADS);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theSameTileRequestedTwiceIsDownloadedOnce() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        server = key -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(redPng);
        };
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            TileDownloader counting = key -> {
                downloads.incrementAndGet();
                return server.download(key);
            };
            OnlineTiles tiles = new OnlineTiles(counting, cache, executor, clock);
            CompletableFuture<Optional<byte[]>> first = tiles.load(new TileKey(11, 5, 5));
            CompletableFuture<Optional<byte[]>> second = tiles.load(new TileKey(11, 5, 5));
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isPresent();
            assertThat(second.get(10, TimeUnit.SECONDS)).isPresent();
            assertThat(downloads).hasValue(1);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theAttributionCreditsOpenStreetMapOnlyWhileItsTilesAreUsed() throws IOException {
        try {
            BundledTileRetriever.useBundledTilesOnly();
            assertThat(BundledTileRetriever.attribution()).contains("Natural Earth").doesNotContain("OpenStreetMap");
            BundledTileRetriever.useOnlineTiles(new OnlineTiles(key -> Optional.empty(), cache, Runnable::run, clock));
            assertThat(BundledTileRetriever.attribution()).contains("Natural Earth").contains("© OpenStreetMap contributors");
        } finally {
            BundledTileRetriever.useBundledTilesOnly();
        }
    }

    private static int distance(int a, int b) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d += Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff));
        }
        return d;
    }

    private static byte[] solidPng(Color color) throws IOException {
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 256, 256);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
