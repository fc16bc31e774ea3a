package network.shaga.app.ui.map;

/**
 * The projection of web maps (EPSG:3857) in "world" units: the whole map is the square 0..1 on
 * both axes, x growing east from the antimeridian, y growing south from 85.05° N.
 */
final class WebMercator {
    /** Where the square world ends, north and south. */
    static final double MAX_LATITUDE = Math.toDegrees(Math.atan(Math.sinh(Math.PI)));

    private WebMercator() {
    }

    static double x(double longitude) {
        return (longitude + 180.0) / 360.0;
    }

    static double y(double latitude) {
        double clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, latitude));
        double phi = Math.toRadians(clamped);
        return (1.0 - Math.log(Math.tan(phi) + 1.0 / Math.cos(phi)) / Math.PI) / 2.0;
    }

    static double longitude(double x) {
        return x * 360.0 - 180.0;
    }

    static double latitude(double y) {
        return Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1.0 - 2.0 * y))));
    }

    /** Pixels across the whole world at a zoom level. */
    static double worldSize(double zoom) {
        return 256.0 * Math.pow(2.0, zoom);
    }
}
