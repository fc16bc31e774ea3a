package network.shaga.app.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import network.shaga.app.api.HostApiServer;
import network.shaga.app.core.Application;
import network.shaga.app.core.Service;
import network.shaga.app.core.Usdc;
import network.shaga.app.directory.GeoPoint;
import network.shaga.app.directory.SeqCounter;
import network.shaga.app.host.HardwareProbe;
import network.shaga.app.host.HostRuntime;
import network.shaga.app.host.HostSettings;
import network.shaga.app.net.DhtService;
import network.shaga.app.net.Endpoints;
import network.shaga.app.stream.SunshineClient;
import network.shaga.app.stream.SunshineServerInfo;
import network.shaga.app.stream.VideoCodec;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.wallet.keystore.KeystoreContent;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shaga host}: runs a host headless: publishes it in the directory and keeps it listed until stopped. */
@Command(name = "host", mixinStandardHelpOptions = true,
        description = {"Rent out this machine: publish it in the directory, serve the host API, heartbeat until stopped.",
            "Prints one line per publish with how many DHT nodes stored it. Ctrl-C or SIGTERM deregisters first."})
final class HostCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    ShagaCommand root;

    @ArgGroup(exclusive = false, multiplicity = "1")
    DhtOptions dht;

    @Option(names = "--geo", paramLabel = "LAT,LON", required = true, description = "Where this machine is (published to about 5 km).")
    String geo;

    @Option(names = "--price", paramLabel = "USDC_PER_HOUR", required = true, description = "Price per hour in USDC, e.g. 0.80.")
    String price;

    @Option(names = "--name", paramLabel = "NAME", required = true, description = "Display name (at most 32 characters).")
    String name;

    @Option(names = "--heartbeat", paramLabel = "S", defaultValue = "30", description = "Seconds between heartbeats (default: ${DEFAULT-VALUE}).")
    int heartbeat;

    @Option(names = "--api-port", paramLabel = "P", defaultValue = "" + HostApiServer.DEFAULT_PORT,
            description = "TCP port of the host API (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int apiPort;

    @Option(names = "--dht-port", paramLabel = "P", defaultValue = "0", description = "UDP port of this host's DHT node (default: any free one).")
    int dhtPort;

    @Option(names = "--public-ip", paramLabel = "ADDR",
            description = "Address players reach this host at (default: loopback on a local network, else the address used to reach the bootstrap nodes).")
    InetAddress publicIp;

    @Option(names = "--network", paramLabel = "CLUSTER", defaultValue = "localnet",
            description = "Solana cluster for payments: localnet, devnet or mainnet-beta (default: ${DEFAULT-VALUE}).")
    String network;

    @ArgGroup(exclusive = true)
    SunshineChoice sunshine = new SunshineChoice();

    static final class SunshineChoice {
        @Option(names = "--sunshine", paramLabel = "URL", description = "Sunshine's HTTP address (default: http://127.0.0.1:47989).")
        URI url;

        @Option(names = "--no-sunshine", description = "Do not ask Sunshine for its codecs (use --codecs).")
        boolean none;
    }

    @Option(names = "--codecs", paramLabel = "LIST", split = ",", defaultValue = "h264",
            description = "Codecs to advertise without Sunshine: h264, hevc, hevc10, av1, av1-10 (default: ${DEFAULT-VALUE}).")
    List<String> codecs;

    @Option(names = "--max", paramLabel = "WxH@FPS", defaultValue = "1920x1080@60", description = "Best stream mode (default: ${DEFAULT-VALUE}).")
    String maxMode;

    @Option(names = "--gpu", description = "GPU name to show (default: detected).")
    String gpu;

    @Option(names = "--cpu", description = "CPU name to show (default: detected).")
    String cpu;

    @Option(names = "--ram-gb", description = "Memory in GB to show (default: detected).")
    Integer ramGb;

    @Option(names = "--keystore", paramLabel = "FILE", description = "Wallet keystore (default: wallet.json in the data folder; created if missing).")
    Path keystore;

    @Mixin
    PasswordOptions passwords;

    @Override
    public Integer call() throws Exception {
        HostSettings settings = settings();
        KeystoreContent wallet = WalletAccess.openOrCreate(keystore != null ? keystore : WalletAccess.defaultPath(root), passwords, root.err());
        Ed25519KeyPair key = WalletAccess.identity(wallet);
        Path hostDir = Files.createDirectories(root.dataDirectory().resolve("host"));
        SeqCounter seq = new SeqCounter(hostDir.resolve("seq"), System::currentTimeMillis);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "shaga-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        DhtService node = new DhtService(dht.config(dhtPort, Files.createDirectories(root.dataDirectory().resolve("dht"))).build(), dht.timeoutSeconds);
        CountDownLatch stopped = new CountDownLatch(1);
        HostService host = new HostService(node, key, seq, settings, timer, stopped);
        Application app = new Application(List.of(node, host));
        app.stopOnShutdown();
        try {
            app.start().get(dht.timeoutSeconds + 30L, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        root.out().println("hosting " + wallet.key().address() + " \"" + settings.name() + "\" — API " + Endpoints.format(host.apiAddress())
                + ", DHT " + Endpoints.format(node.node().localAddress()));
        stopped.await();
        timer.shutdownNow();
        return ShagaCommand.EXIT_OK;
    }

    private HostSettings settings() {
        if (heartbeat < 1 || heartbeat > 3600) {
            throw new IllegalArgumentException("--heartbeat must be 1..3600 seconds");
        }
        if (!List.of("localnet", "devnet", "mainnet-beta").contains(network)) {
            throw new IllegalArgumentException("--network must be localnet, devnet or mainnet-beta");
        }
        GeoPoint location = GeoPoint.parse(geo);
        long priceMicro = Usdc.parseMicro(price);
        boolean loopback = Endpoints.allLoopback(dht.bootstrap);
        InetAddress bindAddress = dht.bind != null ? dht.bind : loopback ? InetAddress.getLoopbackAddress() : anyLocal();
        InetAddress advertised = publicIp != null ? publicIp
                : loopback ? InetAddress.getLoopbackAddress() : Endpoints.localAddressToward(dht.bootstrap.get(0));
        HardwareProbe.Hardware detected = HardwareProbe.detect();
        HardwareProbe.Hardware hardware = new HardwareProbe.Hardware(
                gpu != null ? gpu : detected.gpu(), cpu != null ? cpu : detected.cpu(), ramGb != null ? ramGb : detected.ramGb());
        return new HostSettings(name, location, priceMicro, heartbeat, new InetSocketAddress(bindAddress, apiPort), advertised, network,
                hardware, codecBits(), maxMode);
    }

    private long codecBits() {
        if (sunshine.none) {
            long bits = 0;
            for (String codec : codecs) {
                bits |= VideoCodec.fromShortName(codec.trim()).bit();
            }
            return bits;
        }
        URI url = sunshine.url != null ? sunshine.url : SunshineClient.DEFAULT_HTTP;
        try {
            SunshineServerInfo info = new SunshineClient(url, SunshineClient.DEFAULT_WEB_API, null).serverInfo();
            root.err().println("Sunshine " + info.version() + " on " + info.hostname() + ": " + info.codecs());
            return info.codecModeSupport();
        } catch (network.shaga.app.stream.SunshineException e) {
            throw new IllegalStateException(e.getMessage() + " (or run with --no-sunshine to host without it)", e);
        }
    }

    private static InetAddress anyLocal() {
        try {
            return InetAddress.getByName("0.0.0.0");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The host runtime as a service of the composition root: registers on start, deregisters on stop. */
    private final class HostService implements Service {
        private final DhtService node;
        private final Ed25519KeyPair key;
        private final SeqCounter seq;
        private final HostSettings settings;
        private final ScheduledExecutorService timer;
        private final CountDownLatch stopped;
        private HostRuntime runtime;

        HostService(DhtService node, Ed25519KeyPair key, SeqCounter seq, HostSettings settings, ScheduledExecutorService timer,
                CountDownLatch stopped) {
            this.node = node;
            this.key = key;
            this.seq = seq;
            this.settings = settings;
            this.timer = timer;
            this.stopped = stopped;
        }

        @Override
        public String name() {
            return "host";
        }

        InetSocketAddress apiAddress() {
            return runtime.apiAddress();
        }

        @Override
        public CompletableFuture<Void> start() {
            try {
                runtime = HostRuntime.open(node.node(), key, seq, settings, Clock.systemUTC(), timer);
            } catch (java.io.IOException e) {
                return CompletableFuture.failedFuture(e);
            }
            runtime.publisher().addListener(report -> root.out().println(report.describe()));
            return runtime.register().thenAccept(report -> {
                if (!report.ok()) {
                    root.err().println("shaga: warning: the first publish reached no DHT node; retrying at every heartbeat");
                }
            });
        }

        @Override
        public void stop() {
            try {
                if (runtime != null) {
                    runtime.close();
                }
            } finally {
                stopped.countDown();
            }
        }
    }
}
