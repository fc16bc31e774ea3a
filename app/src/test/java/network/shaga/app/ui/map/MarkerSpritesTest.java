package network.shaga.app.ui.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

@ExtendWith(ApplicationExtension.class)
@Timeout(30)
class MarkerSpritesTest {
    private final MarkerSprites sprites = new MarkerSprites();

    /** The pixel {@code dx} pixels right of the picture's centre. */
    private static Color at(Image image, double dx) {
        int c = (int) image.getWidth() / 2;
        return image.getPixelReader().getColor((int) Math.floor(c + dx), c);
    }

    private static void assertColour(Color actual, Color expected, double opacity) {
        assertThat(actual.getOpacity()).isCloseTo(opacity, within(0.02));
        assertThat(actual.getRed()).isCloseTo(expected.getRed(), within(0.02));
        assertThat(actual.getGreen()).isCloseTo(expected.getGreen(), within(0.02));
        assertThat(actual.getBlue()).isCloseTo(expected.getBlue(), within(0.02));
    }

    @Test
    void aMarkerIsAnOutlinedDiscOfItsStatusColourInAFaintHalo() {
        Image available = sprites.marker(MarkerStatus.AVAILABLE);
        assertThat(available.getWidth()).isEqualTo(available.getHeight()).isEqualTo(MarkerSprites.size(MarkerSprites.MARKER_RADIUS));
        assertColour(at(available, 0), MarkerSymbol.AVAILABLE, 1);
        assertColour(at(available, 6.5), Color.web("#0b1119"), 1);
        assertColour(at(available, 9.5), MarkerSymbol.AVAILABLE, 0.22);
        assertThat(at(available, available.getWidth() / 2 - 1).getOpacity()).as("corner").isZero();
        assertThat(at(sprites.marker(MarkerStatus.OFFLINE), 9.5).getOpacity()).as("offline hosts have no halo").isZero();
        assertThat(sprites.marker(MarkerStatus.AVAILABLE)).as("drawn once").isSameAs(available);
    }

    @Test
    void aBubbleIsADarkDiscRingedInItsStatusColour() {
        Image bubble = sprites.bubble(MarkerStatus.BUSY, 18);
        // The 88 % dark fill over the halo's 18 %.
        assertThat(at(bubble, 0).getOpacity()).isCloseTo(0.88 + 0.18 * 0.12, within(0.01));
        assertThat(at(bubble, 0).getBrightness()).isLessThan(0.15);
        assertColour(at(bubble, 18), MarkerSymbol.BUSY, 1);
        assertColour(at(bubble, 21), MarkerSymbol.BUSY, 0.18);
        assertThat(sprites.bubble(MarkerStatus.BUSY, 18.05)).as("close radii share a picture").isSameAs(bubble);
        assertThat(sprites.bubble(MarkerStatus.BUSY, 20)).isNotSameAs(bubble);
        assertThat(sprites.bubble(MarkerStatus.AVAILABLE, 18)).isNotSameAs(bubble);
    }

    @Test
    void everyPictureACountCanAskForIsDrawnOnABackgroundThreadBeforehand() throws Exception {
        Thread preparing = new Thread(sprites::prepareAll);
        preparing.start();
        preparing.join(20_000);
        int prepared = sprites.pictures();
        assertThat(prepared).as("a few pictures serve every count").isBetween(MarkerStatus.values().length * 2, 200);
        for (MarkerStatus status : MarkerStatus.values()) {
            sprites.marker(status);
            for (int count = 2; count <= 5_000; count++) {
                sprites.bubble(status, MarkerSprites.bubbleRadius(count));
            }
        }
        assertThat(sprites.pictures()).as("nothing left to draw on the FX thread").isEqualTo(prepared);
        // The pictures drawn on the other thread are whole: the same pixels as a copy drawn here.
        Image mine = new MarkerSprites().bubble(MarkerStatus.BUSY, MarkerSprites.bubbleRadius(7));
        Image theirs = sprites.bubble(MarkerStatus.BUSY, MarkerSprites.bubbleRadius(7));
        for (double dx = 0; dx < mine.getWidth() / 2; dx++) {
            assertThat(at(theirs, dx)).isEqualTo(at(mine, dx));
        }
    }
}
