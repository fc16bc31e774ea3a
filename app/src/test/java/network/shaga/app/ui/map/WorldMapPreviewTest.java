package network.shaga.app.ui.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders the map with fifty hosts, as the Play screen shows it, to {@code target/map-preview.png}
 * (the picture in docs/screenshots), and checks that what was drawn is a map with markers on it.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(60)
class WorldMapPreviewTest {
    private static final Object[][] HOSTS = {
        {"London", 51.51, -0.13}, {"Paris", 48.86, 2.35}, {"Berlin", 52.52, 13.40}, {"Madrid", 40.42, -3.70},
        {"Rome", 41.90, 12.50}, {"Amsterdam", 52.37, 4.90}, {"Frankfurt", 50.11, 8.68}, {"Munich", 48.14, 11.58},
        {"Zurich", 47.37, 8.54}, {"Vienna", 48.21, 16.37}, {"Prague", 50.08, 14.44}, {"Milan", 45.46, 9.19},
        {"Stockholm", 59.33, 18.07}, {"Warsaw", 52.23, 21.01}, {"Kyiv", 50.45, 30.52}, {"Istanbul", 41.01, 28.98},
        {"Moscow", 55.76, 37.62}, {"Cairo", 30.04, 31.24}, {"Lagos", 6.52, 3.38}, {"Nairobi", -1.29, 36.82},
        {"Johannesburg", -26.20, 28.05}, {"Dubai", 25.20, 55.27}, {"Mumbai", 19.08, 72.88}, {"Bangalore", 12.97, 77.59},
        {"Singapore", 1.35, 103.82}, {"Bangkok", 13.76, 100.50}, {"Jakarta", -6.21, 106.85}, {"Manila", 14.60, 120.98},
        {"Hong Kong", 22.32, 114.17}, {"Shanghai", 31.23, 121.47}, {"Seoul", 37.57, 126.98}, {"Tokyo", 35.68, 139.69},
        {"Osaka", 34.69, 135.50}, {"Sydney", -33.87, 151.21}, {"Melbourne", -37.81, 144.96}, {"Auckland", -36.85, 174.76},
        {"Los Angeles", 34.05, -118.24}, {"San Francisco", 37.77, -122.42}, {"Seattle", 47.61, -122.33},
        {"Vancouver", 49.28, -123.12}, {"Denver", 39.74, -104.99}, {"Dallas", 32.78, -96.80}, {"Chicago", 41.88, -87.63},
        {"Toronto", 43.65, -79.38}, {"New York", 40.71, -74.01}, {"Miami", 25.76, -80.19}, {"Mexico City", 19.43, -99.13},
        {"Bogotá", 4.71, -74.07}, {"São Paulo", -23.55, -46.63}, {"Buenos Aires", -34.60, -58.38},
    };
    private static final String[] GPUS = {"RTX 4090", "RTX 4080", "RX 7900 XTX", "RTX 3080", "RTX 4070 Ti"};
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;

    private WorldMap map;

    @Start
    void start(Stage stage) {
        map = new WorldMap(Runnable::run);
        List<MapMarker> markers = new ArrayList<>();
        for (int i = 0; i < HOSTS.length; i++) {
            String city = (String) HOSTS[i][0];
            MarkerStatus status = i % 5 == 3 ? MarkerStatus.BUSY : i % 7 == 5 ? MarkerStatus.OFFLINE : MarkerStatus.AVAILABLE;
            String label = city + " · " + GPUS[i % GPUS.length] + " · " + String.format("%.2f", 0.35 + (i % 6) * 0.15) + " USDC/h";
            markers.add(new MapMarker("host-" + i, (double) HOSTS[i][1], (double) HOSTS[i][2], status, label));
        }
        map.setMarkers(markers);
        stage.setScene(new Scene(map.view(), WIDTH, HEIGHT));
        stage.show();
        map.centerOn(28, 12, 2.45);
    }

    @Test
    void rendersTheWorldWithFiftyHosts(FxRobot robot) throws IOException {
        robot.moveTo("#marker-host-48");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(map.layer().hoverLabel().getText()).startsWith("São Paulo");

        AtomicReference<WritableImage> shot = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> shot.set(map.view().getScene().snapshot(null)));
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = shot.get();

        Path file = Path.of("target", "map-preview.png");
        Files.createDirectories(file.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());

        assertThat(count(image, 0xff0b1119)).as("ocean pixels").isGreaterThan(WIDTH * HEIGHT / 4);
        assertThat(countNear(image, 0xff1d2735)).as("land pixels").isGreaterThan(WIDTH * HEIGHT / 10);
        assertThat(countNear(image, 0xff3ddc84)).as("available markers").isGreaterThan(200);
        assertThat(countNear(image, 0xffffb020)).as("busy markers").isGreaterThan(50);
    }

    private static long count(WritableImage image, int argb) {
        return pixels(image, pixel -> pixel == argb);
    }

    private static long countNear(WritableImage image, int argb) {
        return pixels(image, pixel -> {
            int d = 0;
            for (int shift = 0; shift <= 16; shift += 8) {
                d += Math.abs(((pixel >> shift) & 0xff) - ((argb >> shift) & 0xff));
            }
            return d < 12;
        });
    }

    private static long pixels(WritableImage image, java.util.function.IntPredicate test) {
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
}
