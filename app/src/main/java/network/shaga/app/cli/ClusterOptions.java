package network.shaga.app.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.sql.SQLException;
import network.shaga.wallet.WalletService;
import network.shaga.wallet.rpc.Cluster;
import network.shaga.wallet.rpc.SolanaRpc;
import org.p2p.solanaj.core.PublicKey;
import picocli.CommandLine.Option;

/** Which Solana cluster, RPC node and USDC mint a wallet command talks to. */
final class ClusterOptions {
    @Option(names = "--network", paramLabel = "CLUSTER", defaultValue = "localnet",
            description = "localnet, devnet or mainnet-beta (default: ${DEFAULT-VALUE}).")
    String network;

    @Option(names = "--rpc", paramLabel = "URL", description = "Solana JSON-RPC URL (default: the cluster's public endpoint; localnet: http://127.0.0.1:8899).")
    URI rpc;

    @Option(names = "--mint", paramLabel = "MINT", description = "USDC mint (default: the cluster's; on localnet, asked from the server).")
    String mint;

    Cluster cluster() {
        Cluster cluster = Cluster.named(network).orElseThrow(() ->
                new IllegalArgumentException("--network must be localnet, devnet or mainnet-beta, not " + network));
        return rpc != null ? cluster.withRpcUrl(rpc) : cluster;
    }

    SolanaRpc connect() {
        return SolanaRpc.connect(cluster().rpcUrl());
    }

    /** The USDC mint: given, the cluster's, or the one the localnet server made. */
    PublicKey mint(SolanaRpc rpc) {
        return WalletService.usdcMint(cluster(), rpc, Optional.ofNullable(mint));
    }

    /** A wallet service on this cluster over the given keystore and ledger files. */
    WalletService wallet(Path keystore, Path ledgerFile) throws SQLException {
        SolanaRpc rpc = connect();
        return WalletService.open(cluster(), rpc, mint(rpc), keystore, ledgerFile);
    }
}
