package network.shaga.app.ui.perf;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import network.shaga.app.directory.DirectoryKeys;
import network.shaga.app.directory.GeoBox;
import network.shaga.app.directory.Geohash;
import network.shaga.app.directory.HostListing;
import network.shaga.app.directory.HostRecord;
import network.shaga.app.directory.HostStatus;
import network.shaga.app.directory.QueryReport;
import network.shaga.app.directory.SignedHostRecord;
import network.shaga.app.stream.VideoCodec;
import network.shaga.app.ui.play.HostSearch;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.dht.MutableItem;

/**
 * A made-up world of many hosts for the UI benchmark: signed host records with mixed statuses, hardware and prices,
 * most of them around big cities and the rest scattered over the inhabited latitudes, the same for a given seed.
 * Searches answer from memory on {@code io}, streaming every host in the area as fast as they can, which is harder
 * on the Play screen than the real directory, whose answers trickle in over the network.
 */
public final class SyntheticHosts implements HostSearch {
    private static final double[][] CITIES = {
        {48.85, 2.35}, {51.51, -0.13}, {52.52, 13.40}, {40.42, -3.70}, {41.90, 12.50}, {59.33, 18.07}, {55.76, 37.62},
        {40.71, -74.01}, {34.05, -118.24}, {41.88, -87.63}, {29.76, -95.37}, {43.65, -79.38}, {19.43, -99.13},
        {-23.55, -46.63}, {-34.60, -58.38}, {4.71, -74.07}, {35.68, 139.69}, {37.57, 126.98}, {31.23, 121.47},
        {22.32, 114.17}, {1.35, 103.82}, {13.76, 100.50}, {28.61, 77.21}, {19.08, 72.88}, {25.20, 55.27},
        {30.04, 31.24}, {6.52, 3.38}, {-1.29, 36.82}, {-26.20, 28.05}, {-33.87, 151.21}, {-37.81, 144.96}};
    private static final String[] GPUS = {"NVIDIA GeForce RTX 4090", "NVIDIA GeForce RTX 4080", "NVIDIA GeForce RTX 4070 Ti",
        "NVIDIA GeForce RTX 3080", "NVIDIA GeForce RTX 3060", "AMD Radeon RX 7900 XTX", "AMD Radeon RX 6800 XT", "Intel Arc A770"};
    private static final String[] CPUS = {"AMD Ryzen 9 7950X", "AMD Ryzen 7 7800X3D", "Intel Core i9-13900K", "Intel Core i7-12700K",
        "AMD Ryzen 5 5600X"};
    private static final String[] MODES = {"3840x2160@60", "2560x1440@120", "1920x1080@144", "1920x1080@60"};

    private final CompletableFuture<List<HostListing>> listings;
    private final Executor io;

    private SyntheticHosts(CompletableFuture<List<HostListing>> listings, Executor io) {
        this.listings = listings;
        this.io = Objects.requireNonNull(io);
    }

    /** {@code count} hosts from {@code seed}, built (and signed) on {@code io}; searches wait for them. */
    public static SyntheticHosts generate(int count, long seed, Executor io) {
        return new SyntheticHosts(CompletableFuture.supplyAsync(() -> build(count, seed), io), io);
    }

    /** All the hosts, once built. */
    public CompletableFuture<List<HostListing>> all() {
        return listings;
    }

    @Override
    public CompletableFuture<QueryReport> query(GeoBox area, Consumer<HostListing> onHost) {
        long started = System.nanoTime();
        return listings.thenApplyAsync(all -> {
            int found = 0;
            for (HostListing listing : all) {
                if (area.contains(listing.record().location())) {
                    onHost.accept(listing);
                    found++;
                }
            }
            return new QueryReport(0, 0, all.size(), found, 0, all.size() - found, Map.of(), Duration.ofNanos(System.nanoTime() - started));
        }, io);
    }

    private static List<HostListing> build(int count, long seed) {
        Random random = new Random(seed);
        long now = Instant.now().getEpochSecond();
        List<HostListing> hosts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double lat;
            double lon;
            if (random.nextDouble() < 0.7) {
                double[] city = CITIES[random.nextInt(CITIES.length)];
                lat = clamp(city[0] + random.nextGaussian() * 2.5, -60, 70);
                lon = wrap(city[1] + random.nextGaussian() * 3.5);
            } else {
                lat = -45 + random.nextDouble() * 110;
                lon = -180 + random.nextDouble() * 360;
            }
            double roll = random.nextDouble();
            HostStatus status = roll < 0.6 ? HostStatus.AVAILABLE : roll < 0.9 ? HostStatus.BUSY : HostStatus.OFFLINE;
            long codecs = VideoCodec.H264.bit() | (random.nextBoolean() ? VideoCodec.HEVC.bit() : 0)
                    | (random.nextDouble() < 0.3 ? VideoCodec.AV1.bit() : 0);
            HostRecord record = new HostRecord(status, endpoint(i), Geohash.encode(lat, lon, HostRecord.GEOHASH_PRECISION),
                    "Rig " + (i + 1), GPUS[random.nextInt(GPUS.length)], CPUS[random.nextInt(CPUS.length)], 16 << random.nextInt(3), codecs,
                    MODES[random.nextInt(MODES.length)], 200_000 + 100_000L * random.nextInt(30), "localnet", now, 30);
            byte[] keySeed = new byte[32];
            random.nextBytes(keySeed);
            MutableItem item = MutableItem.sign(Ed25519KeyPair.fromSeed(keySeed), DirectoryKeys.RECORD_SALT, 1, record.encode());
            hosts.add(new HostListing(new SignedHostRecord(item, record), record.api(), 8 + random.nextDouble() * 250, 0, random.nextInt(30),
                    status, 8));
        }
        return List.copyOf(hosts);
    }

    /** A distinct loopback endpoint per host (nothing listens there: the benchmark never contacts a host). */
    private static InetSocketAddress endpoint(int index) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 1, (byte) (index >> 8), (byte) index}), 47000);
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static double wrap(double lon) {
        return ((lon + 540) % 360) - 180;
    }
}
