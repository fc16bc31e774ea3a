package network.shaga.wallet.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import network.shaga.wallet.ledger.Ledger;
import network.shaga.wallet.rpc.SolanaRpc;
import org.p2p.solanaj.utils.Base58;

/**
 * Checks a player's payment signature against a quote (DESIGN §6, F8): fetched from the host's own
 * RPC node, every rule checked, each failure its own {@link Reason}. Verification never consumes the
 * signature; {@link Ledger#startSession} does, atomically with the session.
 */
public final class PaymentVerifier {
  private final SolanaRpc rpc;
  private final Ledger ledger;
  private final String commitment;
  private final PaymentRules rules;

  /**
   * @param commitment "confirmed" to start sessions, "finalized" to settle them
   * @param clockSkew how much earlier than the quote a block time may be (cluster vs host clocks)
   */
  public PaymentVerifier(SolanaRpc rpc, Ledger ledger, String commitment, Duration clockSkew) {
    if (!commitment.equals("confirmed") && !commitment.equals("finalized")) {
      throw new IllegalArgumentException("payments verify at confirmed or finalized, not " + commitment);
    }
    this.rpc = rpc;
    this.ledger = ledger;
    this.commitment = commitment;
    this.rules = new PaymentRules(clockSkew);
  }

  /** Verifies {@code signature} against {@code expected}; RPC and ledger failures propagate. */
  public Verification verify(String signature, ExpectedPayment expected) throws SQLException {
    byte[] raw;
    try {
      raw = Base58.decode(signature);
    } catch (RuntimeException e) {
      return new Verification.Rejected(Reason.MALFORMED, "the signature is not base58");
    }
    if (raw.length != 64) {
      return new Verification.Rejected(Reason.MALFORMED, "a signature is 64 bytes, this one is " + raw.length);
    }
    if (!Base58.encode(raw).equals(signature)) {
      // One spelling per signature, so the ledger's uniqueness cannot be dodged with another.
      return new Verification.Rejected(Reason.MALFORMED, "the signature is not in canonical base58");
    }
    if (ledger.isSignatureUsed(signature)) {
      return new Verification.Rejected(Reason.SIGNATURE_REUSED, "this payment already paid for a session");
    }
    Optional<JsonNode> found = rpc.getTransaction(signature, commitment);
    if (found.isEmpty()) {
      var status = rpc.getSignatureStatuses(List.of(signature)).get(0);
      if (status.isPresent()) {
        return new Verification.Rejected(Reason.NOT_CONFIRMED, "the transaction is " + status.get().confirmationStatus()
            + ", waiting for " + commitment);
      }
      return new Verification.Rejected(Reason.NOT_FOUND, "no transaction with this signature on this cluster");
    }
    TransactionView view;
    try {
      view = TransactionView.parse(found.get());
    } catch (TransactionView.MalformedException e) {
      return new Verification.Rejected(Reason.MALFORMED, e.getMessage());
    }
    return rules.check(view, expected, signature);
  }
}
