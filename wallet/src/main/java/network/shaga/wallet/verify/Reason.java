package network.shaga.wallet.verify;

/** Why a payment was not accepted; each rule of DESIGN §6 has its own code. */
public enum Reason {
  /** No transaction with this signature on this cluster (yet). */
  NOT_FOUND,
  /** The transaction exists but has not reached the required commitment. */
  NOT_CONFIRMED,
  /** The transaction executed and failed ({@code meta.err} is set). */
  TX_FAILED,
  /** No top-level SPL Token {@code transferChecked} at all (plain transfer, or hidden in a CPI). */
  NO_TRANSFER,
  /** More than one token transfer in the transaction, top-level or inner. */
  MULTIPLE_TRANSFERS,
  /** The transfer moves another mint, or claims other decimals. */
  WRONG_MINT,
  /** The transfer runs under another token program (e.g. Token-2022). */
  WRONG_TOKEN_PROGRAM,
  /** The destination is not the host's associated token account for the mint. */
  WRONG_RECIPIENT,
  /** The transfer's authority is not the session's player. */
  WRONG_PAYER,
  /** The transfer moves less than the quote. */
  AMOUNT_TOO_LOW,
  /** The quote's reference key is not among the transfer's accounts. */
  REFERENCE_MISSING,
  /** No Memo v2 instruction before the transfer. */
  MEMO_MISSING,
  /** The memo before the transfer differs from the quote's memo, or there are several. */
  MEMO_MISMATCH,
  /** The recipient's token balance grew by less than the quote. */
  BALANCE_DELTA_TOO_LOW,
  /** The block time is outside the quote's validity window. */
  OUTSIDE_QUOTE_WINDOW,
  /** This signature already paid for a session. */
  SIGNATURE_REUSED,
  /** The signature or the node's answer is not well formed, or does not add up. */
  MALFORMED;

  /** Whether the same signature may verify later (the player should wait and ask again). */
  public boolean retryable() {
    return this == NOT_FOUND || this == NOT_CONFIRMED;
  }
}
