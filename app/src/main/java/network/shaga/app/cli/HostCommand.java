package network.shaga.app.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
import network.shaga.app.session.SessionHost;
import network.shaga.app.session.SessionSettings;
import network.shaga.app.session.SessionWallets;
import network.shaga.app.stream.SunshineClient;
import network.shaga.app.stream.SunshineCredentials;
import network.shaga.app.stream.SunshineServerInfo;
import network.shaga.app.stream.VideoCodec;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.wallet.WalletService;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.keystore.Keystore;
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

    @ArgGroup(exclusive = false, heading = "Sessions (rent this machine out; needs Sunshine and an RPC node):%n")
    SessionOptions sessionOptions;

    static final class SessionOptions {
        @Option(names = "--rpc", paramLabel = "URL", required = true,
                description = "Solana RPC node that payments are verified on and refunds are sent through; enables sessions.")
        URI rpc;

        @Option(names = "--sunshine-api", paramLabel = "URL", description = "Sunshine's admin web API (default: https://localhost:47990).")
        URI webApi;

        @Option(names = "--sunshine-user", paramLabel = "NAME",
                description = "Sunshine's web UI user; stored once in the wallet keystore with its password (asked, or --sunshine-password-file).")
        String sunshineUser;

        @Option(names = "--sunshine-password-file", paramLabel = "FILE", description = "File whose first line is Sunshine's web UI password.")
        Path sunshinePasswordFile;

        @Option(names = "--pairing-timeout", paramLabel = "S", defaultValue = "120",
                description = "Seconds to wait for the player's Moonlight to pair before refunding (default: ${DEFAULT-VALUE}).")
        int pairingTimeoutSeconds;

        @Option(names = "--max-minutes", paramLabel = "M", defaultValue = "" + SessionSettings.DEFAULT_MAX_MINUTES,
                description = "Longest session or extension one payment buys (default: ${DEFAULT-VALUE}).")
        int maxMinutes;
    }

    static final String SUNSHINE_USER_SECRET = "sunshine.user";
    static final String SUNSHINE_PASSWORD_SECRET = "sunshine.password";

    @Override
    public Integer call() throws Exception {
        HostSettings settings = settings();
        Path keystoreFile = keystore != null ? keystore : WalletAccess.defaultPath(root);
        KeystoreContent wallet = WalletAccess.openOrCreate(keystoreFile, passwords, root.err());
        SessionSetup sessions = sessionOptions == null ? null : sessionSetup(keystoreFile, wallet, settings);
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
        HostService host = new HostService(node, key, seq, settings, timer, stopped, sessions);
        Application app = new Application(List.of(node, host));
        app.stopOnShutdown();
        try {
            app.start().get(dht.timeoutSeconds + 30L, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        root.out().println("hosting " + wallet.key().address() + " \"" + settings.name() + "\" — API " + Endpoints.format(host.apiAddress())
                + ", DHT " + Endpoints.format(node.node().localAddress()));
        if (sessions != null) {
            root.out().println("sessions on: " + Usdc.format(settings.priceMicroUsdcPerHour()) + " USDC/h, payments via "
                    + sessionOptions.rpc + ", Moonlight connects to " + sessions.settings().moonlightHost());
        }
        stopped.await();
        timer.shutdownNow();
        return ShagaCommand.EXIT_OK;
    }

    /** What sessions need, prepared before the host starts: the wallet service, Sunshine with credentials, settings. */
    private record SessionSetup(WalletService wallet, WalletKey key, SunshineClient sunshine, SessionSettings settings) {
    }

    private SessionSetup sessionSetup(Path keystoreFile, KeystoreContent content, HostSettings settings) throws Exception {
        if (sunshine.none) {
            throw new IllegalArgumentException("sessions need Sunshine: drop --no-sunshine, or drop --rpc to host without sessions");
        }
        WalletService wallet = SessionWallets.open(network, sessionOptions.rpc, keystoreFile, root.dataDirectory().resolve("ledger.db"),
                Keystore.withDefaults(), Clock.systemUTC());
        char[] password = passwords.read("Wallet password (to store and read Sunshine's credentials): ");
        if (sessionOptions.sunshineUser != null || sessionOptions.sunshinePasswordFile != null) {
            if (sessionOptions.sunshineUser == null) {
                throw new IllegalArgumentException("--sunshine-password-file needs --sunshine-user");
            }
            String sunshinePassword = sunshinePassword();
            wallet.storeSecret(password, SUNSHINE_USER_SECRET, sessionOptions.sunshineUser);
            wallet.storeSecret(password, SUNSHINE_PASSWORD_SECRET, sunshinePassword);
            root.err().println("stored Sunshine's credentials in the wallet keystore " + keystoreFile);
        }
        String user = wallet.readSecret(password, SUNSHINE_USER_SECRET).orElseThrow(() -> new IllegalArgumentException(
                "Sunshine's web UI credentials are not stored yet: run once with --sunshine-user NAME --sunshine-password-file FILE"));
        String sunshinePassword = wallet.readSecret(password, SUNSHINE_PASSWORD_SECRET).orElseThrow();
        URI http = sunshine.url != null ? sunshine.url : SunshineClient.DEFAULT_HTTP;
        URI webApi = sessionOptions.webApi != null ? sessionOptions.webApi : SunshineClient.DEFAULT_WEB_API;
        SunshineClient client = new SunshineClient(http, webApi, new SunshineCredentials(user, sunshinePassword));
        client.pairedClients(); // fails now, with what to fix, if the credentials or the web API are wrong
        int port = http.getPort() > 0 ? http.getPort() : SunshineClient.DEFAULT_HTTP.getPort();
        String moonlightHost = settings.publicIp().getHostAddress() + (port == SunshineClient.DEFAULT_HTTP.getPort() ? "" : ":" + port);
        if (sessionOptions.pairingTimeoutSeconds < 5 || sessionOptions.pairingTimeoutSeconds > 600) {
            throw new IllegalArgumentException("--pairing-timeout must be 5..600 seconds");
        }
        return new SessionSetup(wallet, content.key(), client, new SessionSettings(settings.priceMicroUsdcPerHour(),
                sessionOptions.maxMinutes, Duration.ofMinutes(10), Duration.ofSeconds(sessionOptions.pairingTimeoutSeconds), moonlightHost));
    }

    /** Sunshine's password from --sunshine-password-file, else asked on the terminal; never a command-line argument. */
    private String sunshinePassword() throws java.io.IOException {
        if (sessionOptions.sunshinePasswordFile != null) {
            return Files.readString(sessionOptions.sunshinePasswordFile).lines().findFirst().orElse("");
        }
        java.io.Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no terminal to ask Sunshine's password: use --sunshine-password-file FILE");
        }
        char[] typed = console.readPassword("Sunshine web UI password for %s: ", sessionOptions.sunshineUser);
        if (typed == null) {
            throw new IllegalArgumentException("no Sunshine password entered");
        }
        return new String(typed);
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
        private final SessionSetup sessionSetup;
        private HostRuntime runtime;
        private SessionHost sessions;

        HostService(DhtService node, Ed25519KeyPair key, SeqCounter seq, HostSettings settings, ScheduledExecutorService timer,
                CountDownLatch stopped, SessionSetup sessionSetup) {
            this.sessionSetup = sessionSetup;
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
            if (sessionSetup != null) {
                try {
                    sessions = SessionHost.start(runtime, sessionSetup.wallet(), sessionSetup.key(), sessionSetup.sunshine(),
                            sessionSetup.settings(), Files.createDirectories(root.dataDirectory().resolve("host")).resolve("sessions.db"),
                            Clock.systemUTC(), timer);
                } catch (java.sql.SQLException | java.io.IOException e) {
                    runtime.close();
                    return CompletableFuture.failedFuture(e);
                }
                sessions.sessions().addListener(s -> root.out().println("session " + s.id() + " " + s.state().wireName()
                        + (s.detail().isEmpty() ? "" : ": " + s.detail())));
            }
            return runtime.register().thenAccept(report -> {
                if (!report.ok()) {
                    root.err().println("shaga: warning: the first publish reached no DHT node; retrying at every heartbeat");
                }
            });
        }

        @Override
        public void stop() {
            try {
                if (sessions != null) {
                    try {
                        sessions.sessions().endAllEarly("the host stopped");
                    } catch (java.sql.SQLException e) {
                        root.err().println("shaga: warning: could not end the running sessions: " + e.getMessage());
                    }
                    sessions.close();
                }
                if (runtime != null) {
                    runtime.close();
                }
            } finally {
                stopped.countDown();
            }
        }
    }
}
