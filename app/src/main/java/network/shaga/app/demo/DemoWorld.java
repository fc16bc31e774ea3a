package network.shaga.app.demo;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import network.shaga.app.player.PlayerServices;
import network.shaga.app.session.SessionHost;
import network.shaga.app.session.SessionSettings;
import network.shaga.wallet.WalletService;
import network.shaga.wallet.keystore.KdfParams;
import network.shaga.wallet.keystore.Keystore;
import network.shaga.wallet.keystore.KeystoreContent;
import network.shaga.wallet.rpc.SolanaRpc;
import org.p2p.solanaj.core.PublicKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import network.shaga.app.directory.PublishReport;
import network.shaga.app.directory.SeqCounter;
import network.shaga.app.host.HardwareProbe;
import network.shaga.app.host.HostRuntime;
import network.shaga.app.host.HostSettings;
import network.shaga.app.net.PrivateDht;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.localnet.Localnet;
import network.shaga.wallet.localnet.LocalnetOptions;

/**
 * Everything {@code shaga demo} runs on this machine, without the internet: a local Solana cluster (real SVM) with
 * test USDC, a private DHT on loopback, a dozen headless hosts (each with a Sunshine stand-in) publishing themselves
 * around the world, and a funded player wallet.
 */
public final class DemoWorld implements AutoCloseable {
    public static final int DHT_NODES = 16;
    public static final long PLAYER_USDC_MICRO = 100_000_000L;
    public static final long PLAYER_LAMPORTS = 5_000_000_000L;
    private static final long HOST_LAMPORTS = 1_000_000_000L;
    /** Argon2id's smallest cost: enough for a wallet file whose password is random (see startHost). */
    private static final KdfParams HOST_WALLET_KDF = new KdfParams(1024, 1, 1);
    public static final int HEARTBEAT_SECONDS = 15;
    private static final Duration QUOTE_VALIDITY = Duration.ofMinutes(2);
    /** How long a demo host waits for the player's Moonlight to pair before it refunds. */
    private static final Duration PAIRING_TIMEOUT = Duration.ofSeconds(120);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<HostRuntime> hosts = new ArrayList<>();
    private Localnet localnet;
    private PrivateDht dht;
    private WalletKey player;
    private ScheduledExecutorService timer;

    private DemoWorld() {
    }

    /** Starts the whole world; {@code progress} hears each step ("starting local Solana..."). */
    public static DemoWorld start(Path workDir, Consumer<String> progress) throws Exception {
        DemoWorld world = new DemoWorld();
        try {
            world.build(workDir, progress);
            return world;
        } catch (Exception e) {
            world.close();
            throw e;
        }
    }

    private void build(Path workDir, Consumer<String> progress) throws Exception {
        Files.createDirectories(workDir);
        progress.accept("starting the local Solana cluster");
        localnet = Localnet.start(LocalnetOptions.defaults());
        resources.add(localnet);
        progress.accept("starting a private DHT of " + DHT_NODES + " nodes");
        dht = PrivateDht.start(DHT_NODES, 2, builder -> builder);
        resources.add(dht);
        timer = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "shaga-demo-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        SecureRandom random = new SecureRandom();
        player = WalletKey.generate(random);
        progress.accept("funding the player wallet with " + PLAYER_USDC_MICRO / 1_000_000 + " test USDC");
        localnet.airdrop(player.address(), PLAYER_LAMPORTS);
        localnet.fundUsdc(player.address(), PLAYER_USDC_MICRO);

        List<CompletableFuture<PublishReport>> registered = new ArrayList<>();
        for (DemoHosts.DemoHost spec : DemoHosts.ALL) {
            progress.accept("starting host " + spec.name());
            registered.add(startHost(spec, workDir, random));
        }
        CompletableFuture.allOf(registered.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        progress.accept("the demo world is ready");
    }

    private CompletableFuture<PublishReport> startHost(DemoHosts.DemoHost spec, Path workDir, SecureRandom random) throws Exception {
        WalletKey key = WalletKey.generate(random);
        localnet.airdrop(key.address(), HOST_LAMPORTS);
        SunshineStandIn sunshine = new SunshineStandIn(workDir);
        resources.add(sunshine);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        HostSettings settings = new HostSettings(spec.name(), spec.location(), spec.priceMicroPerHour(), HEARTBEAT_SECONDS,
                new InetSocketAddress(loopback, 0), loopback, "localnet",
                new HardwareProbe.Hardware(spec.gpu(), spec.cpu(), spec.ramGb()), spec.codecBits(), spec.maxMode());
        Path hostDir = Files.createDirectories(workDir.resolve("hosts").resolve(key.address()));
        HostRuntime host = HostRuntime.open(dht.addNode(), Ed25519KeyPair.fromSeed(key.seed()),
                new SeqCounter(hostDir.resolve("seq"), System::currentTimeMillis), settings, Clock.systemUTC(), timer);
        hosts.add(host);
        // The host's wallet file: quotes name it as the recipient. Its password protects test money only and is not kept;
        // it is 24 random bytes, so a costly key derivation would add nothing but time to the demo's start.
        new Keystore(HOST_WALLET_KDF, random).save(hostDir.resolve("wallet.json"), randomPassword(random), KeystoreContent.of(key));
        WalletService wallet = WalletService.open(PlayerServices.localnet(localnet.rpcUrl()), SolanaRpc.connect(URI.create(localnet.rpcUrl())),
                new PublicKey(localnet.usdcMint()), hostDir.resolve("wallet.json"), hostDir.resolve("ledger.db"));
        resources.add(wallet);
        SessionSettings sessionSettings = new SessionSettings(spec.priceMicroPerHour(), SessionSettings.DEFAULT_MAX_MINUTES, QUOTE_VALIDITY,
                PAIRING_TIMEOUT, sunshine.moonlightHost());
        resources.add(SessionHost.start(host, wallet, key, sunshine.client(), sessionSettings, hostDir.resolve("sessions.db"),
                Clock.systemUTC(), timer));
        return host.register();
    }

    private static char[] randomPassword(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return java.util.Base64.getEncoder().encodeToString(bytes).toCharArray();
    }

    public String rpcUrl() {
        return localnet.rpcUrl();
    }

    public String usdcMint() {
        return localnet.usdcMint();
    }

    public Localnet localnet() {
        return localnet;
    }

    public PrivateDht dht() {
        return dht;
    }

    /** The funded player's key (its keystore is the GUI's business). */
    public WalletKey player() {
        return player;
    }

    public List<HostRuntime> hosts() {
        return List.copyOf(hosts);
    }

    /** Ends the sessions, deregisters the hosts, then stops the DHT and the local cluster. */
    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            if (resources.get(i) instanceof SessionHost sessions) {
                sessions.close();
            }
        }
        for (HostRuntime host : hosts) {
            host.close();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            if (resources.get(i) instanceof SessionHost) {
                continue;
            }
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.getLogger(DemoWorld.class.getName()).log(System.Logger.Level.WARNING, "closing the demo world", e);
            }
        }
    }

}
