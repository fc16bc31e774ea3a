package network.shaga.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class BasemapTilesTest {

    @Test
    void everyTileOfEveryBundledZoomIsA256PixelPng() throws IOException {
        int count = 0;
        long bytes = 0;
        for (int z = 0; z <= BasemapTiles.MAX_ZOOM; z++) {
            for (long x = 0; x < 1L << z; x++) {
                for (long y = 0; y < 1L << z; y++) {
                    byte[] png = BasemapTiles.read(z, x, y).orElseThrow();
                    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
                    assertThat(image).as("tile %d/%d/%d decodes", z, x, y).isNotNull();
                    assertThat(image.getWidth()).isEqualTo(BasemapTiles.TILE_SIZE);
                    assertThat(image.getHeight()).isEqualTo(BasemapTiles.TILE_SIZE);
                    count++;
                    bytes += png.length;
                }
            }
        }
        assertThat(count).isEqualTo(1 + 4 + 16 + 64 + 256);
        assertThat(bytes).as("the basemap stays small enough to ship in the jar").isLessThan(4_000_000);
    }

    @Test
    void tilesOutsideTheBundledPyramidAreAbsent() throws IOException {
        assertThat(BasemapTiles.contains(5, 0, 0)).isFalse();
        assertThat(BasemapTiles.contains(-1, 0, 0)).isFalse();
        assertThat(BasemapTiles.contains(2, 4, 0)).isFalse();
        assertThat(BasemapTiles.contains(2, 0, -1)).isFalse();
        assertThat(BasemapTiles.contains(2, 3, 3)).isTrue();
        assertThat(BasemapTiles.read(5, 10, 10)).isEmpty();
        assertThat(BasemapTiles.read(0, 1, 0)).isEmpty();
    }

    @Test
    void landIsDrawnLighterThanTheOcean() throws IOException {
        // z4 tile 8/7 holds central Africa (lon 0..22.5, lat 0..21.9); tile 1/8 is the open South Pacific.
        int land = luminance(pixel(4, 8, 7, 128, 128));
        int ocean = luminance(pixel(4, 1, 8, 128, 128));
        assertThat(land).isGreaterThan(ocean);
    }

    @Test
    void theWorldTileShowsMoreThanOneColour() throws IOException {
        BufferedImage world = image(0, 0, 0);
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < world.getWidth(); x += 4) {
            for (int y = 0; y < world.getHeight(); y += 4) {
                colours.add(world.getRGB(x, y));
            }
        }
        assertThat(colours.size()).isGreaterThan(3);
    }

    private static int pixel(int z, long x, long y, int px, int py) throws IOException {
        return image(z, x, y).getRGB(px, py);
    }

    private static BufferedImage image(int z, long x, long y) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(BasemapTiles.read(z, x, y).orElseThrow()));
    }

    private static int luminance(int rgb) {
        return ((rgb >> 16) & 0xff) * 3 + ((rgb >> 8) & 0xff) * 6 + (rgb & 0xff);
    }
}
