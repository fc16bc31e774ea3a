package network.shaga.wallet.rpc;

import java.net.URI;
import java.util.Optional;

/** A Solana cluster: its RPC endpoint and, where it is fixed, its USDC mint. */
public record Cluster(String name, URI rpcUrl, Optional<String> usdcMint) {
  public static final Cluster LOCALNET = new Cluster("localnet", URI.create("http://127.0.0.1:8899"), Optional.empty());
  public static final Cluster DEVNET = new Cluster("devnet", URI.create("https://api.devnet.solana.com"),
      Optional.of("4zMMC9srt5Ri5X14GAgXhaHii3GnPAEERYPJgZJDncDU"));
  public static final Cluster MAINNET_BETA = new Cluster("mainnet-beta", URI.create("https://api.mainnet-beta.solana.com"),
      Optional.of("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"));

  /** A cluster reached through a custom RPC URL, e.g. a private mainnet provider. */
  public static Cluster custom(String name, URI rpcUrl, Optional<String> usdcMint) {
    return new Cluster(name, rpcUrl, usdcMint);
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
