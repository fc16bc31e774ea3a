package network.shaga.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import network.shaga.app.core.Usdc;
import network.shaga.app.directory.GeoBox;
import network.shaga.app.directory.GeoPoint;
import network.shaga.app.directory.HostDirectory;
import network.shaga.app.directory.HostListing;
import network.shaga.app.directory.HostRecord;
import network.shaga.app.directory.QueryReport;
import network.shaga.app.net.Endpoints;
import network.shaga.app.stream.VideoCodec;
import network.shaga.dht.DhtNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shaga hosts}: the hosts in an area, as a table or a JSON array. */
@Command(name = "hosts", mixinStandardHelpOptions = true,
        description = "List the hosts in an area, with status, hardware, price and round-trip time.")
final class HostsCommand implements Callable<Integer> {
    @ParentCommand
    ShagaCommand root;

    @ArgGroup(exclusive = false, multiplicity = "1")
    DhtOptions dht;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Area area;

    static final class Area {
        @ArgGroup(exclusive = false)
        Near near;

        @Option(names = "--bbox", paramLabel = "S,W,N,E", description = "A box between two latitudes and two longitudes.")
        String bbox;
    }

    static final class Near {
        @Option(names = "--near", paramLabel = "LAT,LON", required = true, description = "Around a place...")
        String near;

        @Option(names = "--radius-km", paramLabel = "R", defaultValue = "500", description = "...within R km (default: ${DEFAULT-VALUE}).")
        double radiusKm;
    }

    @Option(names = "--status", paramLabel = "STATUS", defaultValue = "all",
            description = "available, busy or all (default: ${DEFAULT-VALUE}).")
    String status;

    @Option(names = "--network", paramLabel = "CLUSTER", defaultValue = "localnet",
            description = "Only hosts paid on this Solana cluster (default: ${DEFAULT-VALUE}).")
    String network;

    @Option(names = "--json", description = "Print a JSON array, one object per host.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!List.of("available", "busy", "all").contains(status)) {
            throw new IllegalArgumentException("--status must be available, busy or all");
        }
        GeoBox box = area.bbox != null ? GeoBox.parse(area.bbox) : GeoBox.around(GeoPoint.parse(area.near.near), area.near.radiusKm);
        GeoPoint from = area.bbox != null ? box.center() : GeoPoint.parse(area.near.near);
        Map<String, HostListing> found = new ConcurrentHashMap<>();
        QueryReport report;
        try (DhtNode node = dht.join()) {
            HostDirectory directory = new HostDirectory(node, network, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build(),
                    Clock.systemUTC());
            try {
                report = directory.query(box, listing -> found.merge(listing.signed().publicKeyHex(), listing,
                        (old, fresh) -> fresh.signed().seq() > old.signed().seq() ? fresh : old)).get(dht.timeoutSeconds, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                report = null;
                root.err().println("shaga: warning: the search did not finish within " + dht.timeoutSeconds + " s; showing what was found");
            }
        }
        List<HostListing> hosts = new ArrayList<>(found.values().stream()
                .filter(l -> status.equals("all") || l.status().wire().equals(status)).toList());
        hosts.sort(Comparator.comparingDouble((HostListing l) -> l.distanceKm()).thenComparing(l -> l.record().name()));
        if (json) {
            root.out().println(toJson(hosts, from).toString());
        } else {
            printTable(hosts);
        }
        if (report != null && report.rejectedTotal() > 0) {
            root.err().println("dropped " + report.rejectedTotal() + " invalid record(s): " + report.rejected());
        }
        return ShagaCommand.EXIT_OK;
    }

    static ArrayNode toJson(List<HostListing> hosts, GeoPoint from) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        for (HostListing listing : hosts) {
            HostRecord r = listing.record();
            ObjectNode host = array.addObject()
                    .put("pubkey", listing.address())
                    .put("name", r.name())
                    .put("status", listing.status().wire())
                    .put("lat", r.location().lat())
                    .put("lon", r.location().lon())
                    .put("geohash", r.geohash())
                    .put("price_usdc_per_hour", Usdc.toDouble(r.priceMicroUsdcPerHour()))
                    .put("gpu", r.gpu())
                    .put("cpu", r.cpu())
                    .put("ram_gb", r.ramGb())
                    .put("max", r.maxMode());
            ArrayNode codecs = host.putArray("codecs");
            r.codecs().stream().map(VideoCodec::shortName).forEach(codecs::add);
            host.put("rtt_ms", Math.round(listing.rttMs() * 100) / 100.0)
                    .put("distance_km", Math.round(listing.distanceKm() * 10) / 10.0)
                    .put("seq", listing.signed().seq())
                    .put("age_s", listing.ageSeconds())
                    .put("replicas", listing.replicas())
                    .put("api", Endpoints.format(listing.endpoint()))
                    .put("network", r.network());
        }
        return array;
    }

    private void printTable(List<HostListing> hosts) {
        if (hosts.isEmpty()) {
            root.out().println("no hosts found in this area");
            return;
        }
        root.out().printf("%-20s %-10s %8s %8s %10s  %-28s %s%n", "NAME", "STATUS", "PING", "KM", "USDC/H", "GPU", "CODECS");
        for (HostListing listing : hosts) {
            HostRecord r = listing.record();
            root.out().printf(Locale.ROOT, "%-20s %-10s %6.1fms %8.0f %10s  %-28s %s%n", clip(r.name(), 20), listing.status().wire(),
                    listing.rttMs(), listing.distanceKm(), Usdc.format(r.priceMicroUsdcPerHour()), clip(r.gpu(), 28),
                    String.join(",", r.codecs().stream().map(VideoCodec::shortName).toList()));
        }
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

}
