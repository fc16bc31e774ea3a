package network.shaga.wallet.verify;

import java.time.Instant;
import java.util.Objects;
import org.p2p.solanaj.core.PublicKey;

/** What a quote asks for: who pays whom, how much of which mint, tagged with which reference and memo. */
public record ExpectedPayment(
    PublicKey player,
    PublicKey recipient,
    PublicKey mint,
    long amount,
    PublicKey reference,
    String memo,
    Instant notBefore,
    Instant notAfter) {
  public ExpectedPayment {
    Objects.requireNonNull(player, "player");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(mint, "mint");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(memo, "memo");
    if (amount <= 0) {
      throw new IllegalArgumentException("a quote amount is positive");
    }
    if (notAfter.isBefore(notBefore)) {
      throw new IllegalArgumentException("quote window ends before it starts");
    }
  }
}
