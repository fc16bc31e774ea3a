package network.shaga.wallet.ledger;

import java.time.Instant;
import java.util.Optional;

/**
 * A payment this wallet signed, kept with its exact wire bytes so a retry resends the same
 * transaction instead of paying twice.
 */
public record OutgoingPayment(
    String reference,
    String signature,
    String wireBase64,
    long lastValidBlockHeight,
    long feeLamports,
    Status status,
    Instant createdAt,
    Optional<Instant> confirmedAt) {

  /** Where the payment stands on chain. */
  public enum Status {
    PENDING,
    CONFIRMED,
    FAILED,
    EXPIRED
  }
}
