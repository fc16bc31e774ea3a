package network.shaga.wallet.pay;

/** How a payment attempt ended. */
public sealed interface PaymentOutcome {
  /** The transaction reached confirmed without error. */
  record Confirmed(String signature, long feeLamports, long confirmedMillis) implements PaymentOutcome {}

  /** The transaction executed and failed on chain; no tokens moved. */
  record Failed(String signature, String error) implements PaymentOutcome {}

  /** The node refused the transaction before executing it (e.g. simulation failed). */
  record Rejected(String signature, String error) implements PaymentOutcome {}

  /** The blockhash expired and the transaction is not on chain: a new one may be built. */
  record Expired(String signature) implements PaymentOutcome {}

  /** Still unknown when the wait ended; it may yet land. Resume with the same reference. */
  record Pending(String signature) implements PaymentOutcome {}

  /** Not sent: the wallet lacks SOL for fees or tokens for the amount. */
  record InsufficientFunds(String detail) implements PaymentOutcome {}

  default boolean confirmed() {
    return this instanceof Confirmed;
  }
}
