package network.shaga.wallet.pay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import network.shaga.wallet.LocalnetSupport;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.ledger.Ledger;
import network.shaga.wallet.ledger.Quote;
import network.shaga.wallet.ledger.SessionStart;
import network.shaga.wallet.localnet.Localnet;
import network.shaga.wallet.localnet.LocalnetOptions;
import network.shaga.wallet.localnet.TokenProgram;
import network.shaga.wallet.rpc.SolanaRpc;
import network.shaga.wallet.tx.Instruction;
import network.shaga.wallet.tx.LegacyTransaction;
import network.shaga.wallet.tx.Programs;
import network.shaga.wallet.tx.TokenAccounts;
import network.shaga.wallet.verify.ExpectedPayment;
import network.shaga.wallet.verify.PaymentVerifier;
import network.shaga.wallet.verify.Reason;
import network.shaga.wallet.verify.Verification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.p2p.solanaj.core.PublicKey;

/**
 * Pay and verify against the real SVM (the localnet over LiteSVM): one accepted payment and one
 * test per way a payment can be wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class LocalnetPaymentsTest {
  private static final long PRICE = 2_500_000;
  private static final long PLAYER_FUNDS = 100_000_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Localnet localnet;
  private SolanaRpc rpc;
  private PublicKey usdc;
  @TempDir Path dir;
  private Ledger ledger;
  private PaymentSender sender;
  private PaymentVerifier verifier;
  private WalletKey player;
  private WalletKey host;

  @BeforeAll
  void startLocalnet() {
    localnet = LocalnetSupport.start(LocalnetOptions.fast());
    rpc = SolanaRpc.connect(URI.create(localnet.rpcUrl()));
    usdc = new PublicKey(localnet.usdcMint());
  }

  @AfterAll
  void stopLocalnet() {
    if (localnet != null) {
      localnet.close();
    }
  }

  @BeforeEach
  void wallets() throws Exception {
    ledger = Ledger.open(dir.resolve("ledger-" + System.nanoTime() + ".db"), Clock.systemUTC());
    sender = new PaymentSender(rpc, ledger, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()),
        new PaymentSender.Timing(Duration.ofMillis(20), Duration.ofMillis(500), Duration.ofSeconds(30)));
    verifier = new PaymentVerifier(rpc, ledger, "confirmed", Duration.ofSeconds(60));
    player = funded(PLAYER_FUNDS);
    host = WalletKey.generate(RANDOM);
  }

  private WalletKey funded(long usdcMicro) {
    WalletKey key = WalletKey.generate(RANDOM);
    awaitConfirmed(localnet.airdrop(key.address(), 1_000_000_000L));
    if (usdcMicro > 0) {
      awaitConfirmed(localnet.fundUsdc(key.address(), usdcMicro).signature());
    }
    return key;
  }

  private void awaitConfirmed(String signature) {
    assertThat(localnet.awaitCommitment(signature, "confirmed", Duration.ofSeconds(20))).as("confirmed " + signature).isTrue();
  }

  private ExpectedPayment quote(PublicKey reference, String memo) {
    Instant now = Instant.now();
    return new ExpectedPayment(player.publicKey(), host.publicKey(), usdc, PRICE, reference, memo,
        now.minusSeconds(5), now.plusSeconds(600));
  }

  private static PublicKey newReference() {
    return WalletKey.generate(RANDOM).publicKey();
  }

  /** Sends {@code instructions} signed by {@code signers} (first pays fees), skipping preflight, and waits. */
  private String submit(List<Instruction> instructions, WalletKey... signers) {
    String blockhash = rpc.getLatestBlockhash("confirmed").hash();
    LegacyTransaction.Signed signed = LegacyTransaction.compile(signers[0].publicKey(), instructions, blockhash)
        .sign(List.of(signers));
    rpc.sendTransaction(signed.base64(), true, "confirmed");
    awaitConfirmed(signed.signature());
    return signed.signature();
  }

  private List<Instruction> payment(WalletKey from, PublicKey mint, PublicKey tokenProgram, PublicKey toOwner, long amount,
      List<PublicKey> references, String memo) {
    List<Instruction> ixs = new ArrayList<>();
    ixs.add(Instruction.createAssociatedTokenAccountIdempotent(from.publicKey(), toOwner, mint, tokenProgram));
    if (memo != null) {
      ixs.add(Instruction.memo(memo));
    }
    ixs.add(Instruction.transferChecked(tokenProgram, TokenAccounts.associated(from.publicKey(), mint, tokenProgram), mint,
        TokenAccounts.associated(toOwner, mint, tokenProgram), from.publicKey(), amount, 6, references));
    return ixs;
  }

  private List<Instruction> standard(PublicKey reference, String memo) {
    return payment(player, usdc, Programs.TOKEN, host.publicKey(), PRICE, List.of(reference), memo);
  }

  private void assertRejected(String signature, ExpectedPayment expected, Reason reason) throws Exception {
    Verification v = verifier.verify(signature, expected);
    assertThat(v).as(v.toString()).isInstanceOfSatisfying(Verification.Rejected.class,
        r -> assertThat(r.reason()).isEqualTo(reason));
  }

  // ---- the accepted path ---------------------------------------------------------------------

  @Test
  void payThenVerifyThenStartSessionOnce() throws Exception {
    PublicKey reference = newReference();
    PaymentRequest request = new PaymentRequest(host.publicKey(), usdc, PRICE, reference, "shaga:q1");
    PaymentPreview preview = sender.preview(player.publicKey(), request);
    assertThat(preview.feeLamports()).isEqualTo(5000);
    assertThat(preview.createsRecipientAccount()).isTrue();
    assertThat(preview.rentLamports()).isEqualTo(2_039_280);
    assertThat(preview.tokenAfter()).isEqualTo(PLAYER_FUNDS - PRICE);

    PaymentOutcome outcome = sender.send(player, preview);
    assertThat(outcome).isInstanceOf(PaymentOutcome.Confirmed.class);
    String signature = ((PaymentOutcome.Confirmed) outcome).signature();

    ExpectedPayment expected = quote(reference, "shaga:q1");
    Verification v = verifier.verify(signature, expected);
    assertThat(v).as(v.toString()).isInstanceOf(Verification.Accepted.class);
    var accepted = (Verification.Accepted) v;
    assertThat(accepted.amount()).isEqualTo(PRICE);
    assertThat(accepted.payer()).isEqualTo(player.address());

    ledger.saveQuote(new Quote("q1", player.address(), host.address(), usdc.toBase58(), PRICE, reference.toBase58(),
        "shaga:q1", 60, Instant.now(), Instant.now().plusSeconds(600)));
    var payment = new Ledger.VerifiedPayment(signature, accepted.payer(), accepted.amount(), accepted.slot(), accepted.blockTime());
    assertThat(ledger.startSession("q1", payment, Duration.ofHours(1))).isInstanceOf(SessionStart.Started.class);

    assertRejected(signature, expected, Reason.SIGNATURE_REUSED);
    assertThat(ledger.startSession("q1", payment, Duration.ofHours(1))).isInstanceOf(SessionStart.SignatureReused.class);
    assertThat(rpc.getTokenAccountBalance(TokenAccounts.associated(host.publicKey(), usdc).toBase58(), "confirmed"))
        .contains(PRICE);
  }

  @Test
  void payingAgainForTheSameReferenceNeverPaysTwice() throws Exception {
    PublicKey reference = newReference();
    PaymentRequest request = new PaymentRequest(host.publicKey(), usdc, PRICE, reference, "shaga:twice");
    var first = (PaymentOutcome.Confirmed) sender.pay(player, request);
    var second = (PaymentOutcome.Confirmed) sender.pay(player, request);
    assertThat(second.signature()).isEqualTo(first.signature());
    // Even a fresh preview for the same reference resumes the recorded payment.
    var third = sender.send(player, sender.preview(player.publicKey(), request));
    assertThat(((PaymentOutcome.Confirmed) third).signature()).isEqualTo(first.signature());
    assertThat(rpc.getTokenAccountBalance(TokenAccounts.associated(player.publicKey(), usdc).toBase58(), "confirmed"))
        .contains(PLAYER_FUNDS - PRICE);
  }

  @Test
  void paymentWithoutEnoughTokensIsNotSent() throws Exception {
    PaymentRequest request = new PaymentRequest(host.publicKey(), usdc, PLAYER_FUNDS + 1, newReference(), "shaga:poor");
    assertThat(sender.pay(player, request)).isInstanceOf(PaymentOutcome.InsufficientFunds.class);
  }

  // ---- one test per way a payment can be wrong ------------------------------------------------

  @Test
  void wrongMint() throws Exception {
    PublicKey other = new PublicKey(localnet.createMint(TokenProgram.SPL_TOKEN, 6));
    awaitConfirmed(localnet.fundToken(other.toBase58(), player.address(), 10_000_000).signature());
    PublicKey reference = newReference();
    String sig = submit(payment(player, other, Programs.TOKEN, host.publicKey(), PRICE, List.of(reference), "shaga:m"), player);
    assertRejected(sig, quote(reference, "shaga:m"), Reason.WRONG_MINT);
  }

  @Test
  void wrongTokenProgram() throws Exception {
    PublicKey t22 = new PublicKey(localnet.createMint(TokenProgram.TOKEN_2022, 6));
    awaitConfirmed(localnet.fundToken(t22.toBase58(), player.address(), 10_000_000).signature());
    PublicKey reference = newReference();
    String sig = submit(payment(player, t22, Programs.TOKEN_2022, host.publicKey(), PRICE, List.of(reference), "shaga:t"),
        player);
    assertRejected(sig, quote(reference, "shaga:t"), Reason.WRONG_TOKEN_PROGRAM);
  }

  @Test
  void shortAmount() throws Exception {
    PublicKey reference = newReference();
    String sig = submit(payment(player, usdc, Programs.TOKEN, host.publicKey(), PRICE - 1, List.of(reference), "shaga:a"),
        player);
    assertRejected(sig, quote(reference, "shaga:a"), Reason.AMOUNT_TOO_LOW);
  }

  @Test
  void wrongRecipient() throws Exception {
    PublicKey reference = newReference();
    PublicKey stranger = WalletKey.generate(RANDOM).publicKey();
    String sig = submit(payment(player, usdc, Programs.TOKEN, stranger, PRICE, List.of(reference), "shaga:r"), player);
    assertRejected(sig, quote(reference, "shaga:r"), Reason.WRONG_RECIPIENT);
  }

  @Test
  void missingOrWrongReference() throws Exception {
    String none = submit(payment(player, usdc, Programs.TOKEN, host.publicKey(), PRICE, List.of(), "shaga:ref"), player);
    assertRejected(none, quote(newReference(), "shaga:ref"), Reason.REFERENCE_MISSING);
    String other = submit(standard(newReference(), "shaga:ref2"), player);
    assertRejected(other, quote(newReference(), "shaga:ref2"), Reason.REFERENCE_MISSING);
  }

  @Test
  void wrongMissingOrMisplacedMemo() throws Exception {
    PublicKey r1 = newReference();
    assertRejected(submit(standard(r1, "shaga:other"), player), quote(r1, "shaga:mine"), Reason.MEMO_MISMATCH);
    PublicKey r2 = newReference();
    assertRejected(submit(standard(r2, "shaga:mine "), player), quote(r2, "shaga:mine"), Reason.MEMO_MISMATCH);
    PublicKey r3 = newReference();
    assertRejected(submit(standard(r3, null), player), quote(r3, "shaga:mine"), Reason.MEMO_MISSING);
    // A memo after the transfer does not count.
    PublicKey r4 = newReference();
    List<Instruction> after = new ArrayList<>(standard(r4, null));
    after.add(Instruction.memo("shaga:mine"));
    assertRejected(submit(after, player), quote(r4, "shaga:mine"), Reason.MEMO_MISSING);
    // Two memos before the transfer are ambiguous.
    PublicKey r5 = newReference();
    List<Instruction> two = new ArrayList<>(standard(r5, "shaga:mine"));
    two.add(1, Instruction.memo("shaga:someone-else"));
    assertRejected(submit(two, player), quote(r5, "shaga:mine"), Reason.MEMO_MISMATCH);
  }

  @Test
  void failedTransaction() throws Exception {
    PublicKey reference = newReference();
    String sig = submit(payment(player, usdc, Programs.TOKEN, host.publicKey(), 999_000_000, List.of(reference), "shaga:f"),
        player);
    assertRejected(sig, quote(reference, "shaga:f"), Reason.TX_FAILED);
  }

  @Test
  void anotherPayer() throws Exception {
    WalletKey someoneElse = funded(10_000_000);
    PublicKey reference = newReference();
    String sig = submit(payment(someoneElse, usdc, Programs.TOKEN, host.publicKey(), PRICE, List.of(reference), "shaga:p"),
        someoneElse);
    assertRejected(sig, quote(reference, "shaga:p"), Reason.WRONG_PAYER);
  }

  @Test
  void fakeAndMalformedSignatures() throws Exception {
    byte[] random = new byte[64];
    RANDOM.nextBytes(random);
    assertRejected(org.p2p.solanaj.utils.Base58.encode(random), quote(newReference(), "shaga:x"), Reason.NOT_FOUND);
    assertRejected("not-base58-0OIl", quote(newReference(), "shaga:x"), Reason.MALFORMED);
    assertRejected(org.p2p.solanaj.utils.Base58.encode(new byte[32]), quote(newReference(), "shaga:x"), Reason.MALFORMED);
  }

  @Test
  void aValidPaymentForAnotherQuoteDoesNotPayThisOne() throws Exception {
    PublicKey theirs = newReference();
    String sig = submit(standard(theirs, "shaga:theirs"), player);
    assertRejected(sig, quote(newReference(), "shaga:mine"), Reason.REFERENCE_MISSING);
    assertRejected(sig, quote(theirs, "shaga:mine"), Reason.MEMO_MISMATCH);
  }

  @Test
  void extraTransfers() throws Exception {
    PublicKey reference = newReference();
    List<Instruction> split = new ArrayList<>(standard(reference, "shaga:x"));
    split.add(Instruction.transferChecked(Programs.TOKEN, TokenAccounts.associated(player.publicKey(), usdc), usdc,
        TokenAccounts.associated(host.publicKey(), usdc), player.publicKey(), 1, 6, List.of()));
    assertRejected(submit(split, player), quote(reference, "shaga:x"), Reason.MULTIPLE_TRANSFERS);
  }

  @Test
  void plainTransferInsteadOfTransferChecked() throws Exception {
    PublicKey reference = newReference();
    List<Instruction> ixs = new ArrayList<>(standard(reference, "shaga:plain"));
    Instruction checked = ixs.remove(ixs.size() - 1);
    byte[] data = new byte[9];
    data[0] = (byte) Programs.TOKEN_TRANSFER;
    java.nio.ByteBuffer.wrap(data, 1, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(PRICE);
    var accounts = checked.accounts();
    ixs.add(new Instruction(Programs.TOKEN, List.of(accounts.get(0), accounts.get(2), accounts.get(3), accounts.get(4)), data));
    assertRejected(submit(ixs, player), quote(reference, "shaga:plain"), Reason.NO_TRANSFER);
  }

  @Test
  void hostPayingItselfIsNoPayment() throws Exception {
    WalletKey richHost = funded(10_000_000);
    host = richHost;
    PublicKey reference = newReference();
    String sig = submit(payment(richHost, usdc, Programs.TOKEN, richHost.publicKey(), PRICE, List.of(reference), "shaga:self"),
        richHost);
    Instant now = Instant.now();
    var selfQuote = new ExpectedPayment(richHost.publicKey(), richHost.publicKey(), usdc, PRICE, reference, "shaga:self",
        now.minusSeconds(5), now.plusSeconds(600));
    assertRejected(sig, selfQuote, Reason.BALANCE_DELTA_TOO_LOW);
  }

  @Test
  void paymentOutsideTheQuoteWindow() throws Exception {
    PublicKey reference = newReference();
    String sig = submit(standard(reference, "shaga:late"), player);
    Instant now = Instant.now();
    var old = new ExpectedPayment(player.publicKey(), host.publicKey(), usdc, PRICE, reference, "shaga:late",
        now.minusSeconds(7200), now.minusSeconds(3600));
    assertRejected(sig, old, Reason.OUTSIDE_QUOTE_WINDOW);
  }
}
