package network.shaga.wallet.pay;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.p2p.solanaj.core.PublicKey;

/** What to pay (Solana Pay semantics): recipient wallet, mint, raw amount, reference key and memo. */
public record PaymentRequest(PublicKey recipient, PublicKey mint, long amount, PublicKey reference, String memo) {
  /** Memo v2 accepts up to 566 bytes in a legacy transaction of this shape; keep well below. */
  public static final int MAX_MEMO_BYTES = 256;

  public PaymentRequest {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(mint, "mint");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(memo, "memo");
    if (amount <= 0) {
      throw new IllegalArgumentException("the amount must be positive");
    }
    if (memo.isEmpty() || memo.getBytes(StandardCharsets.UTF_8).length > MAX_MEMO_BYTES) {
      throw new IllegalArgumentException("the memo must be 1.." + MAX_MEMO_BYTES + " bytes");
    }
  }
}
