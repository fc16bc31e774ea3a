package network.shaga.app.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GeohashTest {

    @Test
    void knownVectors() {
        assertThat(Geohash.encode(57.64911, 10.40744, 11)).isEqualTo("u4pruydqqvj");
        assertThat(Geohash.encode(42.6, -5.6, 5)).isEqualTo("ezs42");
        assertThat(Geohash.encode(-25.382708, -49.265506, 8)).isEqualTo("6gkzwgjz");
        GeoBox box = Geohash.bounds("ezs42");
        assertThat(box.south()).isCloseTo(42.583, within(0.001));
        assertThat(box.east()).isCloseTo(-5.581, within(0.001));
    }

    @Property
    void aPointLiesInTheCellOfItsGeohash(@ForAll @DoubleRange(min = -90, max = 90) double lat,
            @ForAll @DoubleRange(min = -180, max = 180) double lon, @ForAll @IntRange(min = 1, max = 9) int precision) {
        String hash = Geohash.encode(lat, lon, precision);
        assertThat(hash).hasSize(precision);
        GeoBox cell = Geohash.bounds(hash);
        assertThat(lat).isBetween(cell.south(), cell.north());
        assertThat(lon).isBetween(cell.west(), cell.east());
        assertThat(Geohash.encode(lat, lon, precision - 1 == 0 ? 1 : precision - 1)).isEqualTo(hash.substring(0, Math.max(1, precision - 1)));
    }

    @Property
    void aCoverContainsTheCellOfEveryPointInTheBox(@ForAll @DoubleRange(min = -80, max = 70) double south,
            @ForAll @DoubleRange(min = -179, max = 150) double west, @ForAll @DoubleRange(min = 0.1, max = 20) double size,
            @ForAll @DoubleRange(min = 0, max = 1) double fx, @ForAll @DoubleRange(min = 0, max = 1) double fy) {
        GeoBox box = new GeoBox(south, west, south + size, Math.min(180, west + size));
        List<String> cells = Geohash.cover(box, 3, 10_000);
        double lat = box.south() + fy * (box.north() - box.south());
        double lon = box.west() + fx * (box.east() - box.west());
        assertThat(cells).contains(Geohash.encode(lat, lon, 3));
    }

    @Test
    void coverHandlesTheAntimeridianAndTheWholeWorld() {
        GeoBox pacific = new GeoBox(-20, 170, -10, -170);
        List<String> cells = Geohash.cover(pacific, 2, 1000);
        assertThat(cells).contains(Geohash.encode(-15, 175, 2), Geohash.encode(-15, -175, 2));
        assertThat(Geohash.cover(new GeoBox(-90, -180, 90, 180), 1, 100)).hasSize(32);
    }

    @Test
    void coverRefusesTooManyCells() {
        assertThatThrownBy(() -> Geohash.cover(new GeoBox(-90, -180, 90, 180), 3, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 100");
    }

    @Test
    void invalidInputIsRefused() {
        assertThat(Geohash.isValid("ezs4a")).isFalse(); // 'a' is not in the alphabet
        assertThat(Geohash.isValid("")).isFalse();
        assertThatThrownBy(() -> Geohash.encode(91, 0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Geohash.encode(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeoPoint.parse("48.8")).hasMessageContaining("LAT,LON");
        assertThatThrownBy(() -> GeoBox.parse("1,2,3")).hasMessageContaining("S,W,N,E");
        assertThatThrownBy(() -> new GeoBox(10, 0, 5, 1)).hasMessageContaining("north");
    }

    @Test
    void aroundMakesABoxThatContainsTheCircle() {
        GeoPoint paris = new GeoPoint(48.85, 2.35);
        GeoBox box = GeoBox.around(paris, 100);
        assertThat(box.contains(new GeoPoint(49.70, 2.35))).isTrue(); // ~94 km north
        assertThat(box.contains(new GeoPoint(48.85, 3.70))).isTrue(); // ~99 km east
        assertThat(box.contains(new GeoPoint(50.00, 2.35))).isFalse();
        GeoBox fiji = GeoBox.around(new GeoPoint(-17.7, 179.9), 50);
        assertThat(fiji.crossesAntimeridian()).isTrue();
        assertThat(fiji.contains(new GeoPoint(-17.7, -179.9))).isTrue();
        assertThat(GeoBox.around(new GeoPoint(89.9, 0), 100).widthDegrees()).isEqualTo(360);
    }

    @Test
    void distances() {
        GeoPoint paris = new GeoPoint(48.8566, 2.3522);
        GeoPoint london = new GeoPoint(51.5074, -0.1278);
        assertThat(paris.distanceKm(london)).isCloseTo(343.5, within(2.0));
        assertThat(paris.distanceKm(paris)).isZero();
    }
}
