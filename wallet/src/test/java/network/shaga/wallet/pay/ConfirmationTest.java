package network.shaga.wallet.pay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import network.shaga.wallet.LocalnetSupport;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.ledger.Ledger;
import network.shaga.wallet.ledger.OutgoingPayment;
import network.shaga.wallet.localnet.Localnet;
import network.shaga.wallet.localnet.LocalnetOptions;
import network.shaga.wallet.rpc.SolanaRpc;
import network.shaga.wallet.tx.TokenAccounts;
import network.shaga.wallet.verify.ExpectedPayment;
import network.shaga.wallet.verify.PaymentVerifier;
import network.shaga.wallet.verify.Reason;
import network.shaga.wallet.verify.Verification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.p2p.solanaj.core.PublicKey;

/** Confirmation timing on localnets with slow slots or short-lived blockhashes. */
@Timeout(120)
class ConfirmationTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long PRICE = 1_000_000;
  @TempDir Path dir;

  private static Localnet start(LocalnetOptions options) {
    return LocalnetSupport.start(options);
  }

  private static WalletKey funded(Localnet localnet) {
    WalletKey key = WalletKey.generate(RANDOM);
    String a = localnet.airdrop(key.address(), 1_000_000_000L);
    String b = localnet.fundUsdc(key.address(), 10_000_000).signature();
    assertThat(localnet.awaitCommitment(a, "confirmed", Duration.ofSeconds(30))).isTrue();
    assertThat(localnet.awaitCommitment(b, "confirmed", Duration.ofSeconds(30))).isTrue();
    return key;
  }

  private PaymentSender sender(SolanaRpc rpc, Ledger ledger, Duration maxWait) {
    return new PaymentSender(rpc, ledger, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()),
        new PaymentSender.Timing(Duration.ofMillis(25), Duration.ofMillis(300), maxWait));
  }

  @Test
  void processedButNotConfirmedIsPendingAndResumesToTheSameSignature() throws Exception {
    // 1.5 s slots, confirmed two slots after landing: a window where the payment is only processed.
    try (Localnet localnet = start(LocalnetOptions.defaults().withSlot(Duration.ofMillis(1500)).withCommitmentSlots(2, 3));
        Ledger ledger = Ledger.open(dir.resolve("l.db"), Clock.systemUTC())) {
      SolanaRpc rpc = SolanaRpc.connect(URI.create(localnet.rpcUrl()));
      PublicKey usdc = new PublicKey(localnet.usdcMint());
      WalletKey player = funded(localnet);
      WalletKey host = WalletKey.generate(RANDOM);
      PublicKey reference = WalletKey.generate(RANDOM).publicKey();
      var request = new PaymentRequest(host.publicKey(), usdc, PRICE, reference, "shaga:slow");

      PaymentOutcome first = sender(rpc, ledger, Duration.ofMillis(200)).pay(player, request);
      assertThat(first).isInstanceOf(PaymentOutcome.Pending.class);
      String signature = ((PaymentOutcome.Pending) first).signature();

      Instant now = Instant.now();
      var expected = new ExpectedPayment(player.publicKey(), host.publicKey(), usdc, PRICE, reference, "shaga:slow",
          now.minusSeconds(30), now.plusSeconds(600));
      Verification early = new PaymentVerifier(rpc, ledger, "confirmed", Duration.ofSeconds(60)).verify(signature, expected);
      assertThat(early).isEqualTo(new Verification.Rejected(Reason.NOT_CONFIRMED, "the transaction is processed, waiting for confirmed"));

      PaymentOutcome resumed = sender(rpc, ledger, Duration.ofSeconds(30)).pay(player, request);
      assertThat(resumed).isInstanceOfSatisfying(PaymentOutcome.Confirmed.class,
          c -> assertThat(c.signature()).isEqualTo(signature));
      assertThat(new PaymentVerifier(rpc, ledger, "confirmed", Duration.ofSeconds(60)).verify(signature, expected).ok())
          .isTrue();
      assertThat(new PaymentVerifier(rpc, ledger, "finalized", Duration.ofSeconds(60)).verify(signature, expected))
          .isInstanceOfSatisfying(Verification.Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.NOT_CONFIRMED));
      assertThat(rpc.getTokenAccountBalance(TokenAccounts.associated(player.publicKey(), usdc).toBase58(), "confirmed"))
          .contains(10_000_000 - PRICE);
    }
  }

  @Test
  void expiredBlockhashAllowsExactlyOneNewTransaction() throws Exception {
    // Blockhashes live 3 slots of 100 ms: a preview left unsigned for a second is dead.
    try (Localnet localnet = start(LocalnetOptions.fast().withSlot(Duration.ofMillis(100)).withBlockhashValidSlots(3));
        Ledger ledger = Ledger.open(dir.resolve("l.db"), Clock.systemUTC())) {
      SolanaRpc rpc = SolanaRpc.connect(URI.create(localnet.rpcUrl()));
      PublicKey usdc = new PublicKey(localnet.usdcMint());
      WalletKey player = funded(localnet);
      WalletKey host = WalletKey.generate(RANDOM);
      PublicKey reference = WalletKey.generate(RANDOM).publicKey();
      var request = new PaymentRequest(host.publicKey(), usdc, PRICE, reference, "shaga:expired");
      PaymentSender sender = sender(rpc, ledger, Duration.ofSeconds(30));

      PaymentPreview stale = sender.preview(player.publicKey(), request);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (rpc.getBlockHeight("confirmed") <= stale.lastValidBlockHeight() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      PaymentOutcome expired = sender.send(player, stale);
      assertThat(expired).isInstanceOf(PaymentOutcome.Expired.class);
      assertThat(ledger.findOutgoing(reference.toBase58()).orElseThrow().status()).isEqualTo(OutgoingPayment.Status.EXPIRED);

      PaymentOutcome paid = sender.pay(player, request);
      assertThat(paid).isInstanceOfSatisfying(PaymentOutcome.Confirmed.class,
          c -> assertThat(c.signature()).isNotEqualTo(((PaymentOutcome.Expired) expired).signature()));
      assertThat(rpc.getTokenAccountBalance(TokenAccounts.associated(player.publicKey(), usdc).toBase58(), "confirmed"))
          .contains(10_000_000 - PRICE);
    }
  }
}
