package network.shaga.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.keystore.KdfParams;
import network.shaga.wallet.keystore.Keystore;
import network.shaga.wallet.keystore.KeystoreException;
import network.shaga.wallet.ledger.Ledger;
import network.shaga.wallet.localnet.Localnet;
import network.shaga.wallet.localnet.LocalnetOptions;
import network.shaga.wallet.pay.PaymentRequest;
import network.shaga.wallet.pay.PaymentSender;
import network.shaga.wallet.rpc.Cluster;
import network.shaga.wallet.rpc.SolanaRpc;
import network.shaga.wallet.verify.ExpectedPayment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.p2p.solanaj.core.PublicKey;

/** The one-call operations the CLI wraps, end to end on a localnet. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class WalletServiceTest {
  private static final char[] PASSWORD = "pw".toCharArray();
  private Localnet localnet;
  @TempDir Path dir;

  @BeforeAll
  void start() {
    localnet = LocalnetSupport.start(LocalnetOptions.fast());
  }

  @AfterAll
  void stop() {
    if (localnet != null) {
      localnet.close();
    }
  }

  private WalletService service(Cluster cluster, String name) throws Exception {
    SolanaRpc rpc = SolanaRpc.connect(URI.create(localnet.rpcUrl()));
    return new WalletService(cluster.withRpcUrl(URI.create(localnet.rpcUrl())), new PublicKey(localnet.usdcMint()), rpc,
        dir.resolve(name + ".keystore.json"), new Keystore(new KdfParams(1024, 1, 1), new SecureRandom()),
        Ledger.open(dir.resolve(name + ".db"), Clock.systemUTC()), Clock.systemUTC(), new SecureRandom(),
        new PaymentSender.Timing(Duration.ofMillis(20), Duration.ofMillis(500), Duration.ofSeconds(20)),
        d -> Thread.sleep(d.toMillis()));
  }

  @Test
  void createFundPayVerifyAndHistory() throws Exception {
    WalletService player = service(Cluster.LOCALNET, "player");
    WalletService host = service(Cluster.LOCALNET, "host");
    var created = (WalletFile.KeyStored) player.create(PASSWORD);
    assertThat(created.recoveryPhrase()).hasSize(24);
    assertThat(player.address()).isEqualTo(created.address());
    assertThat(player.create(PASSWORD)).isInstanceOf(WalletFile.KeyRefused.class);
    String hostAddress = ((WalletFile.KeyStored) host.importKeypairJson(
        network.shaga.wallet.keys.KeyImport.toKeypairJson(WalletKey.generate(new SecureRandom())), PASSWORD)).address();

    var funded = player.fund(created.address(), 500_000_000L, 20_000_000L);
    assertThat(localnet.awaitCommitment(funded.solSignature().orElseThrow(), "confirmed", Duration.ofSeconds(10))).isTrue();
    assertThat(localnet.awaitCommitment(funded.usdcSignature().orElseThrow(), "confirmed", Duration.ofSeconds(10))).isTrue();
    assertThat(player.balance(created.address())).satisfies(b -> {
      assertThat(b.lamports()).isEqualTo(500_000_000L);
      assertThat(b.usdcMicro()).isEqualTo(20_000_000L);
    });

    PublicKey reference = WalletKey.generate(new SecureRandom()).publicKey();
    Instant quotedAt = Instant.now();
    var request = new PaymentRequest(new PublicKey(hostAddress), player.usdcMint(), 3_000_000, reference, "shaga:svc");
    assertThat(player.previewPayment(created.address(), request).feeLamports()).isEqualTo(5000);
    WalletService.PayResult paid = player.pay(PASSWORD, request);
    assertThat(paid.ok()).as(paid.toString()).isTrue();
    assertThat(paid.feeLamports()).isEqualTo(5000);

    var expected = new ExpectedPayment(new PublicKey(created.address()), new PublicKey(hostAddress), host.usdcMint(),
        3_000_000, reference, "shaga:svc", quotedAt.minusSeconds(5), quotedAt.plusSeconds(600));
    WalletService.VerifyResult verified = host.verify(paid.signature().orElseThrow(), expected);
    assertThat(verified.ok()).as(verified.toString()).isTrue();
    WalletService.VerifyResult wrongMemo = host.verify(paid.signature().orElseThrow(), new ExpectedPayment(
        expected.player(), expected.recipient(), expected.mint(), expected.amount(), reference, "shaga:other",
        expected.notBefore(), expected.notAfter()));
    assertThat(wrongMemo.reason()).contains("MEMO_MISMATCH");
    assertThat(wrongMemo.retryable()).isFalse();

    assertThat(player.history(created.address(), 10)).extracting(SolanaRpc.SignatureInfo::signature)
        .contains(paid.signature().orElseThrow());
    assertThat(player.balance(hostAddress).usdcMicro()).isEqualTo(3_000_000);
    assertThatThrownBy(() -> player.pay("wrong".toCharArray(), request)).isInstanceOfSatisfying(KeystoreException.class,
        e -> assertThat(e.reason()).isEqualTo(KeystoreException.Reason.WRONG_PASSWORD));
  }

  @Test
  void importRefusalsAreMessagesNotExceptions() throws Exception {
    WalletService svc = service(Cluster.LOCALNET, "refusals");
    assertThat(svc.importPhrase("abandon abandon abandon", "", PASSWORD)).isInstanceOf(WalletFile.KeyRefused.class);
    assertThat(svc.importKeypairJson("[1,2]", PASSWORD)).isInstanceOf(WalletFile.KeyRefused.class);
    var imported = svc.importPhrase(
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about", "", PASSWORD);
    assertThat(imported).isEqualTo(new WalletFile.KeyStored("HAgk14JpMQLgt6rVgv7cBQFJWFto5Dqxi472uT3DKpqk",
        java.util.List.of()));
    assertThat(svc.exportKeypairJson(PASSWORD)).startsWith("[").endsWith("]");
  }

  @Test
  void aNodeOfAnotherClusterIsDetected() throws Exception {
    assertThat(service(Cluster.MAINNET_BETA, "mainnet").checkCluster()).hasValueSatisfying(
        msg -> assertThat(msg).contains("not mainnet-beta"));
    assertThat(service(Cluster.LOCALNET, "local").checkCluster()).isEmpty();
  }

  @Test
  void publicClustersHaveNoUsdcFaucet() throws Exception {
    WalletService devnet = service(Cluster.DEVNET, "devnet");
    assertThatThrownBy(() -> devnet.fund(WalletKey.generate(new SecureRandom()).address(), 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hostQuotesAcceptsOncePaymentsAndKeepsSecrets() throws Exception {
    WalletService player = service(Cluster.LOCALNET, "p2");
    WalletService host = service(Cluster.LOCALNET, "h2");
    String playerAddress = ((WalletFile.KeyStored) player.create(PASSWORD)).address();
    host.create(PASSWORD);
    var funded = player.fund(playerAddress, 500_000_000L, 20_000_000L);
    assertThat(localnet.awaitCommitment(funded.usdcSignature().orElseThrow(), "confirmed", Duration.ofSeconds(10))).isTrue();
    assertThat(localnet.awaitCommitment(funded.solSignature().orElseThrow(), "confirmed", Duration.ofSeconds(10))).isTrue();

    var quote = host.createQuote(playerAddress, 4_000_000, 30, Duration.ofMinutes(10));
    assertThat(quote.memo()).isEqualTo("shaga:" + quote.id());
    assertThat(host.acceptPayment(quote.id(), "1111111111111111111111111111111111111111111111111111111111111111"))
        .isInstanceOf(WalletService.PaymentRefused.class);

    var paid = player.pay(PASSWORD, new PaymentRequest(new PublicKey(quote.recipient()), new PublicKey(quote.mint()),
        quote.amount(), new PublicKey(quote.reference()), quote.memo()));
    assertThat(paid.json()).containsEntry("status", "confirmed").containsEntry("fee_lamports", 5000L)
        .containsKeys("signature", "confirmed_ms");
    String signature = paid.signature().orElseThrow();

    var accepted = host.acceptPayment(quote.id(), signature);
    assertThat(accepted).isInstanceOfSatisfying(WalletService.SessionStarted.class, s -> {
      assertThat(s.session().player()).isEqualTo(playerAddress);
      assertThat(Duration.between(s.session().startedAt(), s.session().endsAt())).isEqualTo(Duration.ofMinutes(30));
    });
    assertThat(host.acceptPayment(quote.id(), signature)).isEqualTo(
        new WalletService.PaymentRefused("SIGNATURE_REUSED", "this payment already paid for a session", false));
    var other = host.createQuote(playerAddress, 4_000_000, 30, Duration.ofMinutes(10));
    assertThat(host.acceptPayment(other.id(), signature)).isInstanceOfSatisfying(WalletService.PaymentRefused.class,
        r -> assertThat(r.reason()).isEqualTo("SIGNATURE_REUSED"));
    assertThat(host.verify(signature, WalletService.expectedPayment(quote)).json())
        .containsEntry("ok", false).containsEntry("reason", "SIGNATURE_REUSED");

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int settled = 0;
    while (settled == 0 && System.nanoTime() < deadline) {
      settled = host.settleFinalized();
      Thread.sleep(50);
    }
    assertThat(settled).isEqualTo(1);
    assertThat(host.ledger().earnings()).singleElement().satisfies(e -> assertThat(e.settledAt()).isPresent());
    assertThat(host.settleFinalized()).isZero();

    host.storeSecret(PASSWORD, "sunshine", "admin:hunter2");
    assertThat(host.readSecret(PASSWORD, "sunshine")).contains("admin:hunter2");
    assertThat(host.readSecret(PASSWORD, "absent")).isEmpty();
  }

  @Test
  void openWithDefaultsFindsTheLocalnetMint() throws Exception {
    try (WalletService svc = WalletService.open(Cluster.LOCALNET.withRpcUrl(URI.create(localnet.rpcUrl())),
        dir.resolve("data"), java.util.Optional.empty())) {
      assertThat(svc.usdcMint().toBase58()).isEqualTo(localnet.usdcMint());
      assertThat(svc.checkCluster()).isEmpty();
    }
  }
}
