package network.shaga.wallet.pay;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.ledger.Ledger;
import network.shaga.wallet.ledger.OutgoingPayment;
import network.shaga.wallet.rpc.RpcException;
import network.shaga.wallet.rpc.SolanaRpc;
import network.shaga.wallet.tx.Instruction;
import network.shaga.wallet.tx.LegacyTransaction;
import network.shaga.wallet.tx.Programs;
import network.shaga.wallet.tx.TokenAccounts;
import org.p2p.solanaj.core.PublicKey;

/**
 * Builds, prices, signs and lands USDC payments (F7). A payment is identified by its reference:
 * its signed bytes are stored before the first send, and a retry resends those same bytes, so a
 * second transaction is built only once the first is provably expired.
 */
public final class PaymentSender {
  private static final System.Logger LOG = System.getLogger(PaymentSender.class.getName());
  private static final int TOKEN_ACCOUNT_SIZE = 165;
  private static final String COMMITMENT = "confirmed";

  /** Timing of the confirmation loop. */
  public record Timing(Duration pollInterval, Duration resendInterval, Duration maxWait) {
    public static final Timing DEFAULT = new Timing(Duration.ofMillis(400), Duration.ofSeconds(2), Duration.ofSeconds(90));
  }

  private final SolanaRpc rpc;
  private final Ledger ledger;
  private final Clock clock;
  private final SolanaRpc.Sleeper sleeper;
  private final Timing timing;

  public PaymentSender(SolanaRpc rpc, Ledger ledger, Clock clock, SolanaRpc.Sleeper sleeper, Timing timing) {
    this.rpc = rpc;
    this.ledger = ledger;
    this.clock = clock;
    this.sleeper = sleeper;
    this.timing = timing;
  }

  /** Builds the transaction and prices it (fee, rent, balances after) without signing. */
  public PaymentPreview preview(PublicKey payer, PaymentRequest request) {
    PublicKey source = TokenAccounts.associated(payer, request.mint());
    PublicKey destination = TokenAccounts.associated(request.recipient(), request.mint());
    boolean createRecipient = !rpc.accountExists(destination.toBase58(), COMMITMENT);
    List<Instruction> instructions = new ArrayList<>();
    if (createRecipient) {
      instructions.add(Instruction.createAssociatedTokenAccountIdempotent(payer, request.recipient(), request.mint(),
          Programs.TOKEN));
    }
    instructions.add(Instruction.memo(request.memo()));
    instructions.add(Instruction.transferChecked(Programs.TOKEN, source, request.mint(), destination, payer,
        request.amount(), Programs.USDC_DECIMALS, List.of(request.reference())));
    SolanaRpc.Blockhash blockhash = rpc.getLatestBlockhash(COMMITMENT);
    LegacyTransaction tx = LegacyTransaction.compile(payer, instructions, blockhash.hash());
    long fee = rpc.getFeeForMessage(tx.messageBase64(), COMMITMENT)
        .orElseThrow(() -> new RpcException.Malformed("the node does not know the blockhash it just returned", null));
    long rent = createRecipient ? rpc.getMinimumBalanceForRentExemption(TOKEN_ACCOUNT_SIZE) : 0;
    long sol = rpc.getBalance(payer.toBase58(), COMMITMENT);
    long tokens = rpc.getTokenAccountBalance(source.toBase58(), COMMITMENT).orElse(0L);
    return new PaymentPreview(request, tx, blockhash.lastValidBlockHeight(), fee, createRecipient, rent,
        sol, sol - fee - rent, tokens, tokens - request.amount());
  }

  /** Previews and sends in one call, resuming a payment already in flight for the same reference. */
  public PaymentOutcome pay(WalletKey payer, PaymentRequest request) throws SQLException {
    Optional<PaymentOutcome> resumed = resume(request.reference().toBase58());
    if (resumed.isPresent()) {
      return resumed.get();
    }
    return send(payer, preview(payer.publicKey(), request));
  }

  /**
   * Signs and lands {@code preview}. If a payment with the same reference is already recorded and
   * not provably dead, that one is resumed instead and {@code preview} is discarded.
   */
  public PaymentOutcome send(WalletKey payer, PaymentPreview preview) throws SQLException {
    String reference = preview.request().reference().toBase58();
    Optional<PaymentOutcome> resumed = resume(reference);
    if (resumed.isPresent()) {
      return resumed.get();
    }
    if (!preview.affordable()) {
      return new PaymentOutcome.InsufficientFunds(preview.tokenAfter() < 0
          ? "the wallet holds " + preview.tokenBefore() + " token units, the payment needs " + preview.request().amount()
          : "the wallet holds " + preview.solBefore() + " lamports, fees and rent need "
              + (preview.feeLamports() + preview.rentLamports()));
    }
    LegacyTransaction.Signed signed = preview.transaction().sign(List.of(payer));
    OutgoingPayment record = new OutgoingPayment(reference, signed.signature(), signed.base64(),
        preview.lastValidBlockHeight(), preview.feeLamports(), OutgoingPayment.Status.PENDING, clock.instant(),
        Optional.empty());
    Optional<OutgoingPayment> raced = ledger.claimOutgoing(record);
    if (raced.isPresent()) {
      // Another attempt recorded its transaction first: follow that one, never send this one.
      Optional<PaymentOutcome> followed = resume(reference);
      if (followed.isPresent()) {
        return followed.get();
      }
      // It died in the meantime; report that rather than racing to replace it.
      OutgoingPayment dead = ledger.findOutgoing(reference).orElse(raced.get());
      return dead.status() == OutgoingPayment.Status.EXPIRED ? new PaymentOutcome.Expired(dead.signature())
          : new PaymentOutcome.Failed(dead.signature(), "the concurrent attempt for this payment failed");
    }
    return land(record, true);
  }

  /** The outcome of an earlier payment with {@code reference} if one exists and is not dead. */
  private Optional<PaymentOutcome> resume(String reference) throws SQLException {
    Optional<OutgoingPayment> existing = ledger.findOutgoing(reference);
    if (existing.isEmpty()) {
      return Optional.empty();
    }
    OutgoingPayment p = existing.get();
    return switch (p.status()) {
      case CONFIRMED -> Optional.of(new PaymentOutcome.Confirmed(p.signature(), p.feeLamports(),
          p.confirmedAt().map(t -> Duration.between(p.createdAt(), t).toMillis()).orElse(0L)));
      case PENDING -> Optional.of(land(p, false));
      case FAILED, EXPIRED -> Optional.empty();
    };
  }

  private PaymentOutcome land(OutgoingPayment p, boolean firstSend) throws SQLException {
    Instant start = clock.instant();
    Instant lastSend = null;
    if (firstSend) {
      Optional<PaymentOutcome> refused = submit(p, true);
      if (refused.isPresent()) {
        return refused.get();
      }
      lastSend = clock.instant();
    }
    while (true) {
      // Height before status: if the height is past the limit and the status is still absent
      // afterwards, the transaction can never land.
      long height = rpc.getBlockHeight(COMMITMENT);
      Optional<SolanaRpc.SignatureStatus> status = rpc.getSignatureStatuses(List.of(p.signature())).get(0);
      if (status.isPresent() && status.get().confirmedOrFinalized()) {
        if (status.get().err().isPresent()) {
          ledger.recordOutgoing(with(p, OutgoingPayment.Status.FAILED, Optional.empty()));
          return new PaymentOutcome.Failed(p.signature(), status.get().err().get().toString());
        }
        Instant now = clock.instant();
        ledger.recordOutgoing(with(p, OutgoingPayment.Status.CONFIRMED, Optional.of(now)));
        return new PaymentOutcome.Confirmed(p.signature(), p.feeLamports(), Duration.between(start, now).toMillis());
      }
      if (status.isEmpty() && height > p.lastValidBlockHeight()) {
        ledger.recordOutgoing(with(p, OutgoingPayment.Status.EXPIRED, Optional.empty()));
        return new PaymentOutcome.Expired(p.signature());
      }
      Instant now = clock.instant();
      if (status.isEmpty() && (lastSend == null || !now.isBefore(lastSend.plus(timing.resendInterval())))) {
        submit(p, false);
        lastSend = now;
      }
      if (Duration.between(start, clock.instant()).compareTo(timing.maxWait()) > 0) {
        return new PaymentOutcome.Pending(p.signature());
      }
      try {
        sleeper.sleep(timing.pollInterval());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new PaymentOutcome.Pending(p.signature());
      }
    }
  }

  /**
   * Sends the recorded bytes once. With preflight, a refusal is final (the node did not forward
   * the transaction, and only we hold its bytes); later resends skip preflight and their errors
   * (e.g. "already processed") only mean the status poll has the answer.
   */
  private Optional<PaymentOutcome> submit(OutgoingPayment p, boolean preflight) throws SQLException {
    try {
      rpc.sendTransaction(p.wireBase64(), !preflight, COMMITMENT);
    } catch (RpcException.JsonRpcError e) {
      if (!preflight) {
        LOG.log(System.Logger.Level.DEBUG, "resend of " + p.signature() + " refused: " + e.getMessage());
        return Optional.empty();
      }
      if (rpc.getBlockHeight(COMMITMENT) > p.lastValidBlockHeight()) {
        ledger.recordOutgoing(with(p, OutgoingPayment.Status.EXPIRED, Optional.empty()));
        return Optional.of(new PaymentOutcome.Expired(p.signature()));
      }
      ledger.recordOutgoing(with(p, OutgoingPayment.Status.FAILED, Optional.empty()));
      return Optional.of(new PaymentOutcome.Rejected(p.signature(), e.getMessage() + (e.data().isEmpty() ? "" : " " + e.data())));
    } catch (RpcException e) {
      // Unknown whether the node got it: the status poll decides, and resends cover a loss.
      LOG.log(System.Logger.Level.DEBUG, "send of " + p.signature() + " failed: " + e.getMessage());
    }
    return Optional.empty();
  }

  private static OutgoingPayment with(OutgoingPayment p, OutgoingPayment.Status status, Optional<Instant> confirmedAt) {
    return new OutgoingPayment(p.reference(), p.signature(), p.wireBase64(), p.lastValidBlockHeight(), p.feeLamports(),
        status, p.createdAt(), confirmedAt);
  }

}
