package network.shaga.app.directory;

import java.util.List;

/**
 * An area between two latitudes and two longitudes, in degrees. {@code west > east} means the box crosses the
 * antimeridian (e.g. west 170, east -170 is a 20° wide box over the Pacific).
 */
public record GeoBox(double south, double west, double north, double east) {
    private static final double KM_PER_DEGREE_LAT = 111.32;

    public GeoBox {
        GeoPoint.check(south, west);
        GeoPoint.check(north, east);
        if (south > north) {
            throw new IllegalArgumentException("south (" + south + ") is north of north (" + north + ")");
        }
    }

    /** Parses {@code S,W,N,E}. */
    public static GeoBox parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("a box is S,W,N,E in degrees (e.g. 35,-10,60,30), got '" + text + "'");
        }
        try {
            return new GeoBox(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()),
                    Double.parseDouble(parts[2].trim()), Double.parseDouble(parts[3].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a box is S,W,N,E in degrees (e.g. 35,-10,60,30), got '" + text + "'");
        }
    }

    /** The box around a centre that contains the circle of the radius (clamped at the poles). */
    public static GeoBox around(GeoPoint center, double radiusKm) {
        if (!(radiusKm > 0)) {
            throw new IllegalArgumentException("radius must be positive, got " + radiusKm);
        }
        double dLat = radiusKm / KM_PER_DEGREE_LAT;
        double south = Math.max(-90, center.lat() - dLat);
        double north = Math.min(90, center.lat() + dLat);
        double maxAbsLat = Math.max(Math.abs(south), Math.abs(north));
        double cos = Math.cos(Math.toRadians(Math.min(maxAbsLat, 89.9)));
        double dLon = radiusKm / (KM_PER_DEGREE_LAT * cos);
        if (dLon >= 180 || north >= 90 || south <= -90) {
            return new GeoBox(south, -180, north, 180);
        }
        return new GeoBox(south, wrap(center.lon() - dLon), north, wrap(center.lon() + dLon));
    }

    public boolean crossesAntimeridian() {
        return west > east;
    }

    public boolean contains(GeoPoint point) {
        if (point.lat() < south || point.lat() > north) {
            return false;
        }
        return crossesAntimeridian() ? point.lon() >= west || point.lon() <= east : point.lon() >= west && point.lon() <= east;
    }

    public GeoPoint center() {
        double lon = crossesAntimeridian() ? wrap((west + east + 360) / 2) : (west + east) / 2;
        return new GeoPoint((south + north) / 2, lon);
    }

    /** Width in degrees of longitude. */
    public double widthDegrees() {
        return crossesAntimeridian() ? east + 360 - west : east - west;
    }

    /** The longitude ranges [from, to] that make up the box: two when it crosses the antimeridian. */
    List<double[]> longitudeSpans() {
        return crossesAntimeridian() ? List.of(new double[] {west, 180}, new double[] {-180, east}) : List.of(new double[] {west, east});
    }

    private static double wrap(double lon) {
        double wrapped = ((lon + 180) % 360 + 360) % 360 - 180;
        return wrapped == -180 && lon > 0 ? 180 : wrapped;
    }
}
