package network.shaga.app.session;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import network.shaga.wallet.WalletService;
import network.shaga.wallet.keystore.Keystore;
import network.shaga.wallet.ledger.Ledger;
import network.shaga.wallet.pay.PaymentSender;
import network.shaga.wallet.rpc.Cluster;
import network.shaga.wallet.rpc.SolanaRpc;
import org.p2p.solanaj.core.PublicKey;

/** Opens the wallet service sessions pay through: the cluster by name, its RPC URL, the keystore and the ledger. */
public final class SessionWallets {
    /** Polls confirmation often: a session's start waits on it, and one status query per 150 ms is cheap for any node. */
    private static final PaymentSender.Timing PAYMENT_TIMING = new PaymentSender.Timing(java.time.Duration.ofMillis(150),
            java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(90));

    private SessionWallets() {
    }

    /**
     * Connects to {@code network} ("localnet", "devnet", "mainnet-beta") at {@code rpcUrl}. On localnet the USDC mint is
     * the one the local server created, read with {@code shaga_info}; elsewhere it is the cluster's.
     */
    public static WalletService open(String network, URI rpcUrl, Path keystoreFile, Path ledgerFile, Keystore keystore, Clock clock)
            throws SQLException {
        Cluster cluster = Cluster.named(network).orElseThrow(() -> new IllegalArgumentException(
                "unknown network " + network + ": use localnet, devnet or mainnet-beta")).withRpcUrl(rpcUrl);
        SolanaRpc rpc = SolanaRpc.connect(rpcUrl);
        PublicKey mint = WalletService.usdcMint(cluster, rpc, java.util.Optional.empty());
        Ledger ledger = Ledger.open(ledgerFile, clock);
        WalletService wallet = new WalletService(cluster, mint, rpc, keystoreFile, keystore, ledger, clock,
                new SecureRandom(), PAYMENT_TIMING, d -> Thread.sleep(d.toMillis()));
        wallet.checkCluster().ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
        return wallet;
    }
}
