package network.shaga.app.player;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import network.shaga.app.directory.HostDirectory;
import network.shaga.dht.DhtNode;
import network.shaga.wallet.WalletService;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.rpc.Cluster;
import network.shaga.wallet.rpc.SolanaRpc;
import org.p2p.solanaj.core.PublicKey;

/**
 * What the player side of the app works with: the DHT node, the host directory on it, and the unlocked wallet on a
 * Solana cluster. Built once by the composition root (the demo, or the app's normal start) and closed with it.
 */
public final class PlayerServices implements AutoCloseable {
    /** The keystore's file name in the data folder: the same file {@code shaga wallet} uses. */
    public static final String KEYSTORE_FILE = "wallet.json";
    public static final String LEDGER_FILE = "ledger.db";
    private final DhtNode node;
    private final HostDirectory directory;
    private final WalletService wallet;
    private final WalletKey key;
    private final Cluster cluster;

    private PlayerServices(DhtNode node, HostDirectory directory, WalletService wallet, WalletKey key, Cluster cluster) {
        this.node = node;
        this.directory = directory;
        this.wallet = wallet;
        this.key = key;
        this.cluster = cluster;
    }

    /**
     * Wires the player's services. {@code keystoreFile} holds {@code key} encrypted; {@code ledgerFile} records
     * outgoing payments so a retried payment is never sent twice.
     */
    public static PlayerServices open(DhtNode node, Cluster cluster, String usdcMint, WalletKey key, Path keystoreFile, Path ledgerFile)
            throws SQLException {
        Objects.requireNonNull(node);
        WalletService wallet = WalletService.open(cluster, SolanaRpc.connect(cluster.rpcUrl()), new PublicKey(usdcMint), keystoreFile,
                ledgerFile);
        HostDirectory directory = new HostDirectory(node, cluster.name(),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build(), Clock.systemUTC());
        return new PlayerServices(node, directory, wallet, key, cluster);
    }

    /**
     * Wires the player's services with the wallet files in {@code folder} ({@code wallet.json}, {@code ledger.db}).
     * The USDC mint is {@code usdcMint} if given, else the cluster's, else the one a Shaga localnet reports (an RPC
     * call: run this off the UI thread).
     */
    public static PlayerServices openInFolder(DhtNode node, Cluster cluster, Optional<String> usdcMint, WalletKey key, Path folder)
            throws SQLException {
        String mint = usdcMint.orElseGet(() -> WalletService.usdcMint(cluster, SolanaRpc.connect(cluster.rpcUrl()), Optional.empty()).toBase58());
        return open(node, cluster, mint, key, folder.resolve(KEYSTORE_FILE), folder.resolve(LEDGER_FILE));
    }

    /** A localnet cluster at {@code rpcUrl}. */
    public static Cluster localnet(String rpcUrl) {
        return Cluster.LOCALNET.withRpcUrl(URI.create(rpcUrl));
    }

    public DhtNode node() {
        return node;
    }

    public HostDirectory directory() {
        return directory;
    }

    public WalletService wallet() {
        return wallet;
    }

    /** The unlocked key: the player's address and signer. */
    public WalletKey key() {
        return key;
    }

    public Cluster cluster() {
        return cluster;
    }

    @Override
    public void close() throws SQLException {
        wallet.close();
    }
}
