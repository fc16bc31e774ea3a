package network.shaga.wallet.ledger;

/** The outcome of consuming a payment signature to start a session. */
public sealed interface SessionStart {
  /** The session was recorded; the signature is now spent. */
  record Started(Session session) implements SessionStart {}

  /** The signature already paid for a session (possibly before a restart). */
  record SignatureReused(String signature) implements SessionStart {}

  /** No such quote in the ledger. */
  record UnknownQuote(String quoteId) implements SessionStart {}

  /** The quote already started a session with another payment. */
  record QuoteAlreadyUsed(String quoteId) implements SessionStart {}
}
