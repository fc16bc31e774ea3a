package network.shaga.app.demo;

import java.util.List;
import network.shaga.app.directory.GeoPoint;
import network.shaga.app.stream.VideoCodec;

/** The demo's hosts: a dozen gaming PCs spread over the world, with the spread of hardware and prices a player meets. */
final class DemoHosts {
    private DemoHosts() {
    }

    record DemoHost(String name, GeoPoint location, String gpu, String cpu, int ramGb, long codecBits, String maxMode,
            long priceMicroPerHour) {
    }

    private static final long H264 = VideoCodec.H264.bit();
    private static final long HEVC = H264 | VideoCodec.HEVC.bit() | VideoCodec.HEVC_MAIN10.bit();
    private static final long AV1 = HEVC | VideoCodec.AV1.bit();

    static final List<DemoHost> ALL = List.of(
            new DemoHost("Paris Night Owl", new GeoPoint(48.857, 2.352), "NVIDIA GeForce RTX 4090", "AMD Ryzen 9 7950X3D", 64, AV1,
                    "3840x2160@120", 1_900_000),
            new DemoHost("Berlin Basement", new GeoPoint(52.520, 13.405), "NVIDIA GeForce RTX 4070 SUPER", "Intel Core i7-13700K", 32,
                    AV1, "2560x1440@165", 1_100_000),
            new DemoHost("London Loft", new GeoPoint(51.507, -0.128), "AMD Radeon RX 7900 XTX", "AMD Ryzen 7 7800X3D", 32, AV1,
                    "3840x2160@60", 1_400_000),
            new DemoHost("Stockholm Frost", new GeoPoint(59.329, 18.069), "NVIDIA GeForce RTX 3080", "AMD Ryzen 7 5800X", 32, HEVC,
                    "2560x1440@144", 750_000),
            new DemoHost("Brooklyn Battlestation", new GeoPoint(40.678, -73.944), "NVIDIA GeForce RTX 4080 SUPER", "Intel Core i9-14900K",
                    64, AV1, "3840x2160@120", 1_600_000),
            new DemoHost("SF Garage Rig", new GeoPoint(37.775, -122.419), "NVIDIA GeForce RTX 4070 Ti", "AMD Ryzen 9 7900X", 32, AV1,
                    "2560x1440@240", 1_300_000),
            new DemoHost("Toronto Maple", new GeoPoint(43.653, -79.383), "NVIDIA GeForce RTX 3070", "Intel Core i5-12600K", 16, HEVC,
                    "1920x1080@144", 600_000),
            new DemoHost("São Paulo Samba", new GeoPoint(-23.551, -46.633), "AMD Radeon RX 6800 XT", "AMD Ryzen 5 5600X", 32, HEVC,
                    "2560x1440@120", 550_000),
            new DemoHost("Tokyo Neon", new GeoPoint(35.676, 139.650), "NVIDIA GeForce RTX 4090", "Intel Core i9-13900KS", 64, AV1,
                    "3840x2160@144", 2_100_000),
            new DemoHost("Seoul PC Bang", new GeoPoint(37.566, 126.978), "NVIDIA GeForce RTX 4060 Ti", "Intel Core i5-13600K", 32, AV1,
                    "1920x1080@240", 700_000),
            new DemoHost("Sydney Harbour", new GeoPoint(-33.869, 151.209), "NVIDIA GeForce RTX 3060", "AMD Ryzen 5 3600", 16, HEVC,
                    "1920x1080@60", 400_000),
            new DemoHost("Cape Town Table", new GeoPoint(-33.925, 18.424), "NVIDIA GeForce GTX 1080 Ti", "Intel Core i7-8700K", 16, H264,
                    "1920x1080@60", 300_000));
}
