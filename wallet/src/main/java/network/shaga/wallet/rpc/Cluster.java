package network.shaga.wallet.rpc;

import java.net.URI;
import java.util.Optional;

/**
 * A Solana cluster: its RPC endpoint and, where they are fixed, its USDC mint and genesis hash
 * (which proves an RPC node really serves that cluster, so a devnet payment never passes for mainnet).
 */
public record Cluster(String name, URI rpcUrl, Optional<String> usdcMint, Optional<String> genesisHash) {
  public static final Cluster LOCALNET = new Cluster("localnet", URI.create("http://127.0.0.1:8899"), Optional.empty(),
      Optional.empty());
  public static final Cluster DEVNET = new Cluster("devnet", URI.create("https://api.devnet.solana.com"),
      Optional.of("4zMMC9srt5Ri5X14GAgXhaHii3GnPAEERYPJgZJDncDU"),
      Optional.of("EtWTRABZaYq6iMfeYKouRu166VU2xqa1wcaWoxPkrZBG"));
  public static final Cluster MAINNET_BETA = new Cluster("mainnet-beta", URI.create("https://api.mainnet-beta.solana.com"),
      Optional.of("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"),
      Optional.of("5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d"));

  /** The same cluster reached through another RPC URL, e.g. a private mainnet provider. */
  public Cluster withRpcUrl(URI url) {
    return new Cluster(name, url, usdcMint, genesisHash);
  }

  /** The well-known cluster called {@code name} ("localnet", "devnet", "mainnet-beta"). */
  public static Optional<Cluster> named(String name) {
    return switch (name) {
      case "localnet" -> Optional.of(LOCALNET);
      case "devnet" -> Optional.of(DEVNET);
      case "mainnet-beta", "mainnet" -> Optional.of(MAINNET_BETA);
      default -> Optional.empty();
    };
  }
}
