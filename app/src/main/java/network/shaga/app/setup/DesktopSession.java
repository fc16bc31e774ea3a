package network.shaga.app.setup;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import network.shaga.app.core.DataDirectory;
import network.shaga.app.net.DhtService;
import network.shaga.app.player.PlayerServices;
import network.shaga.dht.DhtNode;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.keystore.KeystoreException;

/**
 * The composition root of plain {@code shaga} once its settings are known: the DHT node, joined once and kept while
 * the wallet is locked, and, per unlock, the player's services on the chosen cluster (built by the same
 * {@link PlayerServices#openInFolder} factory {@code shaga demo} uses).
 */
public final class DesktopSession implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DesktopSession.class.getName());
    /** How long resolving the bootstrap routers' names may take before the node starts without them. */
    static final Duration RESOLVE_DEADLINE = Duration.ofSeconds(5);

    private final DataDirectory dataDirectory;
    private final AppSettings settings;
    private final WalletSetup wallet;
    private final Executor io;
    private final CompletableFuture<DhtService> dht;

    private DesktopSession(DataDirectory dataDirectory, AppSettings settings, WalletSetup wallet, Executor io,
            CompletableFuture<DhtService> dht) {
        this.dataDirectory = dataDirectory;
        this.settings = settings;
        this.wallet = wallet;
        this.io = io;
        this.dht = dht;
    }

    /**
     * Starts joining the DHT through {@code bootstrap} ({@code host:port} names, resolved on {@code io}) and returns at
     * once; a bootstrap list that does not resolve or answer leaves the node running alone, never failing.
     */
    public static DesktopSession start(DataDirectory dataDirectory, AppSettings settings, List<String> bootstrap,
            PublicDht.Resolver resolver, Executor io) {
        CompletableFuture<DhtService> dht = CompletableFuture.supplyAsync(() -> {
            List<InetSocketAddress> seeds = PublicDht.resolve(bootstrap, resolver, RESOLVE_DEADLINE);
            try {
                Path state = Files.createDirectories(dataDirectory.resolve("dht"));
                return PublicDht.service(seeds, state);
            } catch (java.io.IOException e) {
                throw new CompletionException("cannot create the DHT folder in " + dataDirectory.path() + ": " + e.getMessage(), e);
            }
        }, io).thenCompose(service -> service.start().thenApply(ignored -> service));
        return new DesktopSession(dataDirectory, settings, WalletSetup.inFolder(dataDirectory.path()), io, dht);
    }

    public AppSettings settings() {
        return settings;
    }

    public WalletSetup wallet() {
        return wallet;
    }

    /** The DHT node once it has started (joined, or given up waiting for peers). */
    public CompletableFuture<DhtNode> node() {
        return dht.thenApply(DhtService::node);
    }

    /**
     * Opens the wallet with {@code password} and the player's services on the chosen cluster. Fails with a
     * {@link KeystoreException} (reason {@code WRONG_PASSWORD} for a wrong password) as the cause, or with what kept the
     * cluster or the DHT from being used.
     */
    public CompletableFuture<PlayerServices> unlock(char[] password) {
        char[] copy = password.clone();
        CompletableFuture<WalletKey> key = CompletableFuture.supplyAsync(() -> {
            long started = System.nanoTime();
            try {
                WalletKey unlocked = wallet.unlock(copy);
                LOG.log(System.Logger.Level.INFO, "keystore opened in " + (System.nanoTime() - started) / 1_000_000 + " ms");
                return unlocked;
            } catch (KeystoreException e) {
                throw new CompletionException(e);
            } finally {
                java.util.Arrays.fill(copy, '\0');
            }
        }, io);
        return key.thenCombineAsync(node(), (unlocked, node) -> {
            long started = System.nanoTime();
            try {
                PlayerServices services = PlayerServices.openInFolder(node, settings.solanaCluster(), Optional.empty(), unlocked,
                        dataDirectory.path());
                LOG.log(System.Logger.Level.INFO, "wallet services on " + settings.cluster() + " opened in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
                return services;
            } catch (SQLException e) {
                throw new CompletionException("the payment ledger in " + dataDirectory.path() + " cannot be opened: " + e.getMessage(), e);
            }
        }, io);
    }

    /** Leaves the DHT. */
    @Override
    public void close() {
        dht.thenAccept(service -> {
            service.stop();
            LOG.log(System.Logger.Level.INFO, "left the DHT");
        });
    }
}
