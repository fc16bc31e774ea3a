package network.shaga.app.ui.map;

/**
 * The part of the world a map shows, in degrees: south ≤ north and west ≤ east (the map does not
 * wrap around the antimeridian, so neither do these bounds).
 */
public record GeoBounds(double south, double west, double north, double east) {

    public GeoBounds {
        if (!(south >= -90 && north <= 90 && south <= north)) {
            throw new IllegalArgumentException("bad latitudes: south " + south + ", north " + north);
        }
        if (!(west >= -180 && east <= 180 && west <= east)) {
            throw new IllegalArgumentException("bad longitudes: west " + west + ", east " + east);
        }
    }

    /** Bounds from two corners, clamped to the world (a view zoomed out past the map's edges). */
    static GeoBounds clamped(double south, double west, double north, double east) {
        return new GeoBounds(
                clamp(Math.min(south, north), -90, 90),
                clamp(Math.min(west, east), -180, 180),
                clamp(Math.max(south, north), -90, 90),
                clamp(Math.max(west, east), -180, 180));
    }

    public boolean contains(GeoPoint point) {
        return point.latitude() >= south && point.latitude() <= north
                && point.longitude() >= west && point.longitude() <= east;
    }

    private static double clamp(double value, double min, double max) {
        return Double.isNaN(value) ? min : Math.max(min, Math.min(max, value));
    }
}
