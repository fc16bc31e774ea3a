package network.shaga.wallet.pay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import network.shaga.wallet.LocalnetSupport;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.ledger.Ledger;
import network.shaga.wallet.localnet.Localnet;
import network.shaga.wallet.localnet.LocalnetOptions;
import network.shaga.wallet.rpc.SolanaRpc;
import network.shaga.wallet.verify.ExpectedPayment;
import network.shaga.wallet.verify.PaymentVerifier;
import network.shaga.wallet.verify.Verification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.p2p.solanaj.core.PublicKey;

/**
 * Records pay → confirmed → verified and verify-alone latencies on a localnet with cluster-like
 * timing (400 ms slots, confirmed after one slot). Numbers are logged, not asserted.
 */
@Timeout(180)
class PaymentLatencyTest {
  private static final System.Logger LOG = System.getLogger(PaymentLatencyTest.class.getName());
  private static final int PAYMENTS = 12;
  private static final SecureRandom RANDOM = new SecureRandom();
  @TempDir Path dir;

  @Test
  void payConfirmVerifyLatencies() throws Exception {
    measure("400 ms slots", LocalnetOptions.defaults(), Duration.ofMillis(50));
  }

  /** The same payments on a local cluster that makes a slot every 10 ms, as a fast localnet would. */
  @Test
  void payConfirmVerifyLatenciesWithFastSlots() throws Exception {
    measure("10 ms slots", LocalnetOptions.defaults().withSlot(Duration.ofMillis(10)), Duration.ofMillis(5));
  }

  private void measure(String timing, LocalnetOptions options, Duration poll) throws Exception {
    try (Localnet localnet = LocalnetSupport.start(options); Ledger ledger = Ledger.open(dir.resolve("l.db"), Clock.systemUTC())) {
      SolanaRpc rpc = SolanaRpc.connect(URI.create(localnet.rpcUrl()));
      PublicKey usdc = new PublicKey(localnet.usdcMint());
      WalletKey player = WalletKey.generate(RANDOM);
      WalletKey host = WalletKey.generate(RANDOM);
      assertThat(localnet.awaitCommitment(localnet.airdrop(player.address(), 1_000_000_000L), "confirmed", Duration.ofSeconds(30))).isTrue();
      assertThat(localnet.awaitCommitment(localnet.fundUsdc(player.address(), 100_000_000).signature(), "confirmed",
          Duration.ofSeconds(30))).isTrue();
      PaymentSender sender = new PaymentSender(rpc, ledger, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()),
          new PaymentSender.Timing(poll, Duration.ofSeconds(2), Duration.ofSeconds(30)));
      PaymentVerifier verifier = new PaymentVerifier(rpc, ledger, "confirmed", Duration.ofSeconds(60));

      List<Long> endToEnd = new ArrayList<>();
      List<Long> verifyOnly = new ArrayList<>();
      for (int i = 0; i < PAYMENTS; i++) {
        PublicKey reference = WalletKey.generate(RANDOM).publicKey();
        String memo = "shaga:latency-" + i;
        Instant now = Instant.now();
        var expected = new ExpectedPayment(player.publicKey(), host.publicKey(), usdc, 1_000_000, reference, memo,
            now.minusSeconds(5), now.plusSeconds(600));
        long start = System.nanoTime();
        PaymentOutcome outcome = sender.pay(player, new PaymentRequest(host.publicKey(), usdc, 1_000_000, reference, memo));
        assertThat(outcome).isInstanceOf(PaymentOutcome.Confirmed.class);
        String signature = ((PaymentOutcome.Confirmed) outcome).signature();
        long verifyStart = System.nanoTime();
        Verification v = verifier.verify(signature, expected);
        long end = System.nanoTime();
        assertThat(v.ok()).as(v.toString()).isTrue();
        endToEnd.add((end - start) / 1_000_000);
        verifyOnly.add((end - verifyStart) / 1_000_000);
      }
      LOG.log(System.Logger.Level.INFO, String.format(
          "localnet (%s, %d payments): pay->confirmed->verified p50 %d ms (max %d); verify alone p50 %d ms (max %d)",
          timing, PAYMENTS, p50(endToEnd), Collections.max(endToEnd), p50(verifyOnly), Collections.max(verifyOnly)));
    }
  }

  private static long p50(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
