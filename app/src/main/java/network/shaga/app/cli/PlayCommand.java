package network.shaga.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import network.shaga.app.directory.GeoBox;
import network.shaga.app.directory.GeoPoint;
import network.shaga.app.directory.HostDirectory;
import network.shaga.app.directory.HostListing;
import network.shaga.app.directory.HostRecord;
import network.shaga.app.directory.HostStatus;
import network.shaga.app.directory.SignedHostRecord;
import network.shaga.app.net.Endpoints;
import network.shaga.app.session.RentFlow;
import network.shaga.app.session.SessionWallets;
import network.shaga.app.stream.MoonlightLocator;
import network.shaga.app.stream.StreamOptions;
import network.shaga.dht.DhtNode;
import network.shaga.wallet.WalletService;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.keystore.Keystore;
import org.p2p.solanaj.core.PublicKey;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shaga play}: the player's whole journey headless: find a host, pay, pair Moonlight, stream, end. */
@Command(name = "play", mixinStandardHelpOptions = true,
        description = {"Rent a host and stream from it with Moonlight: quote, fee preview, payment, pairing, stream, countdown, end.",
            "Prints each step with the time since the start; with --json one JSON object per line."})
final class PlayCommand implements java.util.concurrent.Callable<Integer> {
    private static final double[] SEARCH_RADII_KM = {50, 500, 5000};

    @ParentCommand
    ShagaCommand root;

    @ArgGroup(exclusive = false, multiplicity = "1")
    DhtOptions dht;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--host", paramLabel = "PUBKEY", description = "The host's public key (its wallet address, base58).")
        String host;

        @Option(names = "--near", paramLabel = "LAT,LON", description = "Rent the nearest available host.")
        String near;
    }

    @Option(names = "--minutes", paramLabel = "M", required = true, description = "How long to rent.")
    int minutes;

    @Option(names = "--keystore", paramLabel = "FILE", description = "Wallet keystore (default: wallet.json in the data folder).")
    Path keystore;

    @Option(names = "--rpc", paramLabel = "URL", required = true, description = "Solana RPC node to pay through.")
    URI rpc;

    @Option(names = "--network", paramLabel = "CLUSTER", defaultValue = "localnet",
            description = "localnet, devnet or mainnet-beta; hosts of other clusters are ignored (default: ${DEFAULT-VALUE}).")
    String network;

    @Option(names = "--moonlight", paramLabel = "PATH", description = "The Moonlight binary (default: looked up).")
    Path moonlight;

    @Option(names = "--app", paramLabel = "NAME", defaultValue = StreamOptions.DEFAULT_APP, description = "App to stream (default: ${DEFAULT-VALUE}).")
    String app;

    @Option(names = "--resolution", paramLabel = "WxH", description = "Stream resolution, e.g. 1920x1080 (default: Moonlight's).")
    String resolution;

    @Option(names = "--fps", paramLabel = "N", description = "Frames per second (default: Moonlight's).")
    Integer fps;

    @Option(names = "--bitrate", paramLabel = "KBPS", description = "Video bitrate in kbit/s (default: Moonlight's).")
    Integer bitrateKbps;

    @Option(names = "--pair-timeout", paramLabel = "S", defaultValue = "90", description = "Seconds Moonlight may take to pair (default: ${DEFAULT-VALUE}).")
    int pairTimeoutSeconds;

    @Option(names = "--json", description = "One JSON object per step.")
    boolean jsonOutput;

    @Mixin
    PasswordOptions passwords;

    @Override
    public Integer call() throws Exception {
        if (minutes < 1) {
            throw new IllegalArgumentException("--minutes must be at least 1");
        }
        Path keystoreFile = keystore != null ? keystore : WalletAccess.defaultPath(root);
        if (!Files.exists(keystoreFile)) {
            throw new IllegalArgumentException("no wallet at " + keystoreFile + ": create or import one first, and fund it");
        }
        Keystore store = Keystore.withDefaults();
        WalletKey key = store.load(keystoreFile, passwords.read("Wallet password: ")).key();
        WalletService wallet = SessionWallets.open(network, rpc, keystoreFile, root.dataDirectory().resolve("ledger.db"), store,
                Clock.systemUTC());
        long started = System.nanoTime();
        RentFlow.Target target;
        try (DhtNode node = dht.join()) {
            Optional<RentFlow.Target> found = find(new HostDirectory(node, network, HttpClient.newHttpClient(), Clock.systemUTC()));
            if (found.isEmpty()) {
                print("failed", started, which.host != null ? "host " + which.host + " is not listed, or not available"
                        : "no available host near " + which.near, Map.of());
                return ShagaCommand.EXIT_FAILURE;
            }
            target = found.get();
        }
        print("host-found", started, "host " + target.hostAddress() + " at " + Endpoints.format(target.api()), Map.of("host", target.hostAddress()));
        RentFlow flow = new RentFlow(wallet, key, MoonlightLocator.system(), Clock.systemUTC(), HttpClient.newHttpClient());
        RentFlow.Outcome outcome = flow.rent(target, new RentFlow.Options(minutes, Optional.ofNullable(moonlight),
                new StreamOptions(app, resolution, fps, bitrateKbps), Duration.ofSeconds(pairTimeoutSeconds)), this::print);
        if (outcome instanceof RentFlow.Stopped) {
            return ShagaCommand.EXIT_FAILURE;
        }
        RentFlow.RentedSession session = ((RentFlow.Streaming) outcome).session();
        Thread endOnExit = new Thread(() -> {
            try {
                if (session.stream().isAlive()) {
                    session.end();
                }
            } catch (Exception e) {
                root.err().println("shaga: could not tell the host the session ended: " + e.getMessage());
            }
        }, "shaga-play-end");
        Runtime.getRuntime().addShutdownHook(endOnExit);
        session.awaitEnd(Duration.ofSeconds(60));
        Runtime.getRuntime().removeShutdownHook(endOnExit);
        return ShagaCommand.EXIT_OK;
    }

    private Optional<RentFlow.Target> find(HostDirectory directory) throws Exception {
        if (which.host != null) {
            byte[] publicKey = new PublicKey(which.host).toByteArray();
            Optional<SignedHostRecord> record = directory.lookup(publicKey).get(dht.timeoutSeconds, TimeUnit.SECONDS);
            return record.filter(r -> r.record().effectiveStatus(Clock.systemUTC().instant().getEpochSecond()) == HostStatus.AVAILABLE)
                    .map(r -> target(which.host, r.record()));
        }
        GeoPoint from = GeoPoint.parse(which.near);
        for (double radius : SEARCH_RADII_KM) {
            List<HostListing> listings = new ArrayList<>();
            directory.query(GeoBox.around(from, radius), listings::add).get(dht.timeoutSeconds + 20L, TimeUnit.SECONDS);
            Optional<HostListing> nearest = listings.stream().filter(l -> l.status() == HostStatus.AVAILABLE)
                    .min(Comparator.comparingDouble(HostListing::distanceKm));
            if (nearest.isPresent()) {
                return Optional.of(target(nearest.get().address(), nearest.get().record()));
            }
        }
        return Optional.empty();
    }

    private static RentFlow.Target target(String address, HostRecord record) {
        return new RentFlow.Target(record.api(), address, record.priceMicroUsdcPerHour());
    }

    private void print(RentFlow.Progress progress) {
        print(progress.step().wireName(), progress.elapsed(), progress.detail(), progress.facts());
    }

    private void print(String step, long startedNanos, String detail, Map<String, Object> facts) {
        print(step, Duration.ofNanos(System.nanoTime() - startedNanos), detail, facts);
    }

    private synchronized void print(String step, Duration elapsed, String detail, Map<String, Object> facts) {
        if (jsonOutput) {
            ObjectNode line = Json.mapper().createObjectNode().put("step", step).put("ms", elapsed.toMillis()).put("detail", detail);
            facts.forEach((name, value) -> line.set(name, Json.mapper().valueToTree(value)));
            root.out().println(line.toString());
        } else {
            root.out().printf("[%8.3f s] %-16s %s%n", elapsed.toNanos() / 1e9, step, detail);
        }
    }
}
