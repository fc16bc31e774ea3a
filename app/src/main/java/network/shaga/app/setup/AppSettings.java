package network.shaga.app.setup;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import network.shaga.wallet.rpc.Cluster;

/**
 * What the first run asks and plain {@code shaga} remembers: the Solana cluster (and the RPC node, when not the
 * cluster's public one), whether this PC is meant to host, and whether maps may download OpenStreetMap tiles.
 */
public record AppSettings(String cluster, Optional<URI> rpcUrl, boolean hosting, boolean onlineMapTiles) {
    public AppSettings {
        Objects.requireNonNull(rpcUrl, "rpcUrl");
        if (Cluster.named(Objects.requireNonNull(cluster, "cluster")).isEmpty()) {
            throw new IllegalArgumentException("unknown cluster '" + cluster + "' (localnet, devnet or mainnet-beta)");
        }
    }

    /** The Solana cluster these settings name, reached through the chosen RPC node. */
    public Cluster solanaCluster() {
        Cluster named = Cluster.named(cluster).orElseThrow();
        return rpcUrl.map(named::withRpcUrl).orElse(named);
    }
}
