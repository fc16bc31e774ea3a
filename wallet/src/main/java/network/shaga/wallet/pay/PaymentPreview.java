package network.shaga.wallet.pay;

import network.shaga.wallet.tx.LegacyTransaction;

/**
 * A built, not yet signed, payment and what it will cost: shown to the user before signing (F7).
 * Balances are raw units (lamports, token micro-units) as they will be after the payment.
 */
public record PaymentPreview(
    PaymentRequest request,
    LegacyTransaction transaction,
    long lastValidBlockHeight,
    long feeLamports,
    boolean createsRecipientAccount,
    long rentLamports,
    long solBefore,
    long solAfter,
    long tokenBefore,
    long tokenAfter) {

  /** Whether the wallet holds enough SOL and tokens for this payment. */
  public boolean affordable() {
    return solAfter >= 0 && tokenAfter >= 0;
  }
}
