package network.shaga.app.ui.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The map as Gluon renders it with online tiles switched on through the retriever's one static
 * slot: downloaded tiles appear, and a dead network still gives a map. The tile server is a stub.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(60)
class WorldMapOnlineTilesTest {
    private static final int RED = 0xffff0000;

    @TempDir
    Path cacheDir;

    private final ExecutorService downloads = Executors.newFixedThreadPool(2);
    private final AtomicInteger requests = new AtomicInteger();
    private volatile TileDownloader server;
    private WorldMap map;

    @Start
    void start(Stage stage) {
        map = new WorldMap(Runnable::run);
        stage.setScene(new Scene(map.view(), 640, 480));
        stage.show();
    }

    @AfterEach
    void restoreOfflineTiles() throws InterruptedException {
        BundledTileRetriever.useBundledTilesOnly();
        downloads.shutdownNow();
        downloads.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void enableOnlineTiles() throws IOException {
        TileDownloader counting = key -> {
            requests.incrementAndGet();
            return server.download(key);
        };
        BundledTileRetriever.useOnlineTiles(new OnlineTiles(counting, TileDiskCache.open(cacheDir, 50_000_000), downloads, new MutableClock(Instant.now())));
    }

    @Test
    void downloadedTilesAreShownBeyondTheBundledZoomLevels() throws Exception {
        byte[] red = solidPng();
        server = key -> Optional.of(red);
        enableOnlineTiles();

        WaitForAsyncUtils.asyncFx(() -> map.centerOn(48.85, 2.35, 7));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> countPixels(snapshot(), RED) > 640 * 480 / 2);

        assertThat(requests.get()).isGreaterThan(0);
        assertThat(((Label) map.view().lookup(".world-map-attribution")).getText()).contains("© OpenStreetMap contributors");
    }

    @Test
    void aDeadNetworkStillGivesTheBundledMapMagnified() throws Exception {
        server = key -> {
            throw new IOException("network unreachable");
        };
        enableOnlineTiles();

        WaitForAsyncUtils.asyncFx(() -> map.centerOn(48.85, 2.35, 7));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> requests.get() > 0);
        // Land (#1d2735) around Paris, from the z4 tile magnified: the map is not blank.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> countNear(snapshot(), 0xff1d2735) > 640 * 480 / 3);
        assertThat(requests.get()).as("one failure stops further downloads for a while").isLessThanOrEqualTo(2);
    }

    private WritableImage snapshot() throws TimeoutException {
        AtomicReference<WritableImage> shot = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> shot.set(map.view().getScene().snapshot(null)));
        WaitForAsyncUtils.waitForFxEvents();
        return shot.get();
    }

    private static long countPixels(WritableImage image, int argb) {
        return count(image, pixel -> pixel == argb);
    }

    private static long countNear(WritableImage image, int argb) {
        return count(image, pixel -> {
            int d = 0;
            for (int shift = 0; shift <= 16; shift += 8) {
                d += Math.abs(((pixel >> shift) & 0xff) - ((argb >> shift) & 0xff));
            }
            return d < 12;
        });
    }

    private static long count(WritableImage image, java.util.function.IntPredicate test) {
        if (image == null) {
            return 0;
        }
        PixelReader reader = image.getPixelReader();
        long n = 0;
        for (int y = 0; y < (int) image.getHeight(); y++) {
            for (int x = 0; x < (int) image.getWidth(); x++) {
                if (test.test(reader.getArgb(x, y))) {
                    n++;
                }
            }
        }
        return n;
    }

    private static byte[] solidPng() throws IOException {
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 256, 256);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
