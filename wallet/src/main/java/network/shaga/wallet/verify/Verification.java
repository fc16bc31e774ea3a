package network.shaga.wallet.verify;

import java.time.Instant;

/** The outcome of verifying one payment signature against one quote. */
public sealed interface Verification {

  /** The payment satisfies every rule. */
  record Accepted(String signature, String payer, long amount, long slot, Instant blockTime) implements Verification {}

  /** The payment was refused, with the rule that failed and a human-readable detail. */
  record Rejected(Reason reason, String detail) implements Verification {}

  default boolean ok() {
    return this instanceof Accepted;
  }
}
