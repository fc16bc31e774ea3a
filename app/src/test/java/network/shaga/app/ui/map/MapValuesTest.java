package network.shaga.app.ui.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MapValuesTest {

    @Test
    void tileKeysOutsideTheWorldAreRejectedOrEmpty() {
        assertThat(TileKey.of(0, 0, 0)).isPresent();
        assertThat(TileKey.of(3, 8, 0)).isEmpty();
        assertThat(TileKey.of(3, 0, -1)).isEmpty();
        assertThat(TileKey.of(20, 0, 0)).isEmpty();
        assertThatThrownBy(() -> new TileKey(2, 4, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTilesAncestorCoversIt() {
        TileKey deep = new TileKey(9, 270, 181);
        assertThat(deep.ancestor(4)).isEqualTo(new TileKey(4, 8, 5));
        assertThat(deep.ancestor(9)).isEqualTo(deep);
        assertThat(deep.ancestor(0)).isEqualTo(new TileKey(0, 0, 0));
        assertThat(deep.path()).isEqualTo("9/270/181");
        assertThatThrownBy(() -> deep.ancestor(10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void geoValuesCheckTheirRanges() {
        assertThatThrownBy(() -> new GeoPoint(91, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeoPoint(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeoBounds(10, 0, 5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MapMarker("", 0, 0, MarkerStatus.AVAILABLE, "x")).isInstanceOf(IllegalArgumentException.class);
        GeoBounds europe = new GeoBounds(35, -10, 60, 30);
        assertThat(europe.contains(new GeoPoint(48.85, 2.35))).isTrue();
        assertThat(europe.contains(new GeoPoint(40.7, -74))).isFalse();
        assertThat(GeoBounds.clamped(-95, 200, 95, -200)).isEqualTo(new GeoBounds(-90, -180, 90, 180));
    }

    @Test
    void webMercatorRoundTripsAndMatchesKnownTiles() {
        for (double lat = -85; lat <= 85; lat += 5) {
            assertThat(WebMercator.latitude(WebMercator.y(lat))).isCloseTo(lat, within(1e-9));
        }
        for (double lon = -180; lon <= 180; lon += 15) {
            assertThat(WebMercator.longitude(WebMercator.x(lon))).isCloseTo(lon, within(1e-9));
        }
        // Paris lies in OpenStreetMap tile 10/518/352.
        assertThat((long) Math.floor(WebMercator.x(2.35) * 1024)).isEqualTo(518);
        assertThat((long) Math.floor(WebMercator.y(48.85) * 1024)).isEqualTo(352);
        assertThat(WebMercator.y(90)).isEqualTo(WebMercator.y(WebMercator.MAX_LATITUDE));
    }
}
