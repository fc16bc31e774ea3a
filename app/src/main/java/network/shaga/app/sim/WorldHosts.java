package network.shaga.app.sim;

import java.util.List;
import java.util.Random;
import network.shaga.app.directory.GeoBox;
import network.shaga.app.directory.GeoPoint;

/**
 * Where simulated hosts are: around the world's big metropolitan areas, weighted roughly by how many gaming PCs
 * they hold, scattered ~100 km around each centre; and the continent-sized areas players search.
 */
final class WorldHosts {
    private record Metro(String name, double lat, double lon, double weight) {
    }

    private static final List<Metro> METROS = List.of(
            new Metro("New York", 40.71, -74.0, 6), new Metro("Los Angeles", 34.05, -118.24, 5),
            new Metro("Chicago", 41.88, -87.63, 3), new Metro("Dallas", 32.78, -96.8, 3),
            new Metro("Atlanta", 33.75, -84.39, 2), new Metro("Seattle", 47.61, -122.33, 2),
            new Metro("Toronto", 43.65, -79.38, 2), new Metro("Mexico City", 19.43, -99.13, 3),
            new Metro("São Paulo", -23.55, -46.63, 4), new Metro("Buenos Aires", -34.6, -58.38, 2),
            new Metro("Bogotá", 4.71, -74.07, 1), new Metro("Santiago", -33.45, -70.67, 1),
            new Metro("London", 51.51, -0.13, 5), new Metro("Paris", 48.86, 2.35, 4),
            new Metro("Berlin", 52.52, 13.4, 3), new Metro("Frankfurt", 50.11, 8.68, 2),
            new Metro("Amsterdam", 52.37, 4.9, 2), new Metro("Madrid", 40.42, -3.7, 2),
            new Metro("Milan", 45.46, 9.19, 2), new Metro("Warsaw", 52.23, 21.01, 2),
            new Metro("Stockholm", 59.33, 18.07, 1), new Metro("Istanbul", 41.01, 28.98, 2),
            new Metro("Moscow", 55.76, 37.62, 3), new Metro("Kyiv", 50.45, 30.52, 1),
            new Metro("Cairo", 30.04, 31.24, 1), new Metro("Lagos", 6.52, 3.38, 1),
            new Metro("Johannesburg", -26.2, 28.05, 1), new Metro("Nairobi", -1.29, 36.82, 0.5),
            new Metro("Dubai", 25.2, 55.27, 1), new Metro("Mumbai", 19.08, 72.88, 3),
            new Metro("Delhi", 28.61, 77.21, 3), new Metro("Bangalore", 12.97, 77.59, 2),
            new Metro("Singapore", 1.35, 103.82, 2), new Metro("Jakarta", -6.2, 106.85, 2),
            new Metro("Bangkok", 13.76, 100.5, 2), new Metro("Manila", 14.6, 120.98, 2),
            new Metro("Seoul", 37.57, 126.98, 5), new Metro("Tokyo", 35.68, 139.69, 6),
            new Metro("Shanghai", 31.23, 121.47, 4), new Metro("Hong Kong", 22.32, 114.17, 2),
            new Metro("Taipei", 25.03, 121.57, 2), new Metro("Sydney", -33.87, 151.21, 2),
            new Metro("Melbourne", -37.81, 144.96, 2), new Metro("Auckland", -36.85, 174.76, 0.5));

    /** Continent-sized search areas (south, west, north, east). */
    static final List<GeoBox> CONTINENTS = List.of(
            new GeoBox(35, -11, 71, 41), // Europe
            new GeoBox(15, -130, 60, -60), // North America
            new GeoBox(-56, -82, 13, -34), // South America
            new GeoBox(-10, 60, 46, 146), // Asia
            new GeoBox(-35, -18, 37, 52), // Africa
            new GeoBox(-48, 110, -10, 180)); // Oceania

    private static final double TOTAL = METROS.stream().mapToDouble(Metro::weight).sum();

    private WorldHosts() {
    }

    /** A host location: a metro drawn by weight, then a Gaussian scatter of ~1° around it. */
    static GeoPoint sample(Random random) {
        double pick = random.nextDouble() * TOTAL;
        Metro metro = METROS.get(METROS.size() - 1);
        for (Metro m : METROS) {
            pick -= m.weight();
            if (pick < 0) {
                metro = m;
                break;
            }
        }
        double lat = Math.max(-89, Math.min(89, metro.lat() + random.nextGaussian()));
        double lon = metro.lon() + random.nextGaussian() / Math.max(0.2, Math.cos(Math.toRadians(metro.lat())));
        lon = ((lon + 540) % 360) - 180;
        return new GeoPoint(lat, lon);
    }
}
