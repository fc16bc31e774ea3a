package network.shaga.wallet;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Optional;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.keystore.Keystore;
import network.shaga.wallet.keystore.KeystoreException;
import network.shaga.wallet.ledger.Ledger;
import network.shaga.wallet.ledger.Quote;
import network.shaga.wallet.ledger.SessionStart;
import network.shaga.wallet.pay.PaymentOutcome;
import network.shaga.wallet.pay.PaymentPreview;
import network.shaga.wallet.pay.PaymentRequest;
import network.shaga.wallet.pay.PaymentSender;
import network.shaga.wallet.rpc.Cluster;
import network.shaga.wallet.rpc.RpcException;
import network.shaga.wallet.rpc.SolanaRpc;
import network.shaga.wallet.tx.TokenAccounts;
import network.shaga.wallet.verify.ExpectedPayment;
import network.shaga.wallet.verify.PaymentVerifier;
import network.shaga.wallet.verify.Verification;
import org.p2p.solanaj.core.PublicKey;

/**
 * One-call wallet operations for the CLI and the UI ({@code wallet create|import|address|balance|
 * fund|history}, {@code pay}, {@code verify}); each returns a result record, so callers stay thin.
 */
public final class WalletService implements AutoCloseable {
  private static final String COMMITMENT = "confirmed";

  private final Cluster cluster;
  private final PublicKey usdcMint;
  private final SolanaRpc rpc;
  private final WalletFile walletFile;
  private final Ledger ledger;
  private final SecureRandom random;
  private final Clock clock;
  private final PaymentSender sender;
  private final PaymentVerifier verifier;

  public WalletService(Cluster cluster, PublicKey usdcMint, SolanaRpc rpc, Path keystoreFile, Keystore keystore,
      Ledger ledger, Clock clock, SecureRandom random, PaymentSender.Timing timing, SolanaRpc.Sleeper sleeper) {
    this.cluster = cluster;
    this.usdcMint = usdcMint;
    this.rpc = rpc;
    this.walletFile = new WalletFile(keystoreFile, keystore, random);
    this.ledger = ledger;
    this.random = random;
    this.clock = clock;
    this.sender = new PaymentSender(rpc, ledger, clock, sleeper, timing);
    this.verifier = new PaymentVerifier(rpc, ledger, COMMITMENT, Duration.ofSeconds(60));
  }

  /**
   * A service with production defaults: keystore {@code wallet.json} and ledger {@code ledger.db}
   * in {@code dataDir}, default Argon2id cost and confirmation timing. The USDC mint is
   * {@code mintOverride}, else the cluster's, else (localnet) the one the localnet server reports.
   */
  public static WalletService open(Cluster cluster, Path dataDir, Optional<String> mintOverride) throws SQLException {
    SolanaRpc rpc = SolanaRpc.connect(cluster.rpcUrl());
    return open(cluster, rpc, usdcMint(cluster, rpc, mintOverride), dataDir.resolve("wallet.json"), dataDir.resolve("ledger.db"));
  }

  /**
   * The USDC mint to use: the override if given, else the cluster's; on the Shaga localnet, the one its server
   * created (read with {@code shaga_info}).
   */
  public static PublicKey usdcMint(Cluster cluster, SolanaRpc rpc, Optional<String> override) {
    String mint = override.or(cluster::usdcMint).orElseGet(() -> rpc.call("shaga_info").path("mint").asText(""));
    if (mint.isEmpty()) {
      throw new IllegalArgumentException("no USDC mint known for " + cluster.name() + " at " + rpc.endpoint()
          + "; pass one explicitly");
    }
    return new PublicKey(mint);
  }

  /** A service with the default timing over the given RPC client, mint, keystore and ledger files. */
  public static WalletService open(Cluster cluster, SolanaRpc rpc, PublicKey usdcMint, Path keystoreFile, Path ledgerFile)
      throws SQLException {
    Clock clock = Clock.systemUTC();
    return new WalletService(cluster, usdcMint, rpc, keystoreFile, Keystore.withDefaults(), Ledger.open(ledgerFile, clock), clock,
        new SecureRandom(), PaymentSender.Timing.DEFAULT, d -> Thread.sleep(d.toMillis()));
  }

  /** Closes the ledger. */
  @Override
  public void close() throws SQLException {
    ledger.close();
  }

  public Cluster cluster() {
    return cluster;
  }

  public PublicKey usdcMint() {
    return usdcMint;
  }

  // ---- keys --------------------------------------------------------------------------------

  /** The keystore file: create, import, export, secrets. */
  public WalletFile file() {
    return walletFile;
  }

  public WalletFile.KeyResult create(char[] password) throws KeystoreException {
    return walletFile.create(password);
  }

  public WalletFile.KeyResult importPhrase(String phrase, String passphrase, char[] password) throws KeystoreException {
    return walletFile.importPhrase(phrase, passphrase, password);
  }

  public WalletFile.KeyResult importKeypairJson(String json, char[] password) throws KeystoreException {
    return walletFile.importKeypairJson(json, password);
  }

  /** The wallet's address, read without the password. */
  public String address() throws KeystoreException {
    return walletFile.address();
  }

  public String exportKeypairJson(char[] password) throws KeystoreException {
    return walletFile.exportKeypairJson(password);
  }

  public void storeSecret(char[] password, String name, String value) throws KeystoreException {
    walletFile.storeSecret(password, name, value);
  }

  public Optional<String> readSecret(char[] password, String name) throws KeystoreException {
    return walletFile.readSecret(password, name);
  }

  // ---- chain reads -------------------------------------------------------------------------

  /**
   * Empty when the RPC node serves this service's cluster; otherwise what is wrong. Hosts must
   * check this before verifying payments: a node of another cluster would accept its payments.
   */
  public Optional<String> checkCluster() {
    if (cluster.genesisHash().isEmpty()) {
      return Optional.empty();
    }
    String actual = rpc.getGenesisHash();
    return actual.equals(cluster.genesisHash().get()) ? Optional.empty()
        : Optional.of("the RPC node at " + rpc.endpoint() + " serves genesis " + actual + ", not " + cluster.name());
  }

  /** SOL and USDC held by an address, in raw units. */
  public record Balances(String address, long lamports, long usdcMicro, String usdcAccount) {}

  public Balances balance(String address) {
    PublicKey owner = new PublicKey(address);
    PublicKey ata = TokenAccounts.associated(owner, usdcMint);
    return new Balances(address, rpc.getBalance(address, COMMITMENT),
        rpc.getTokenAccountBalance(ata.toBase58(), COMMITMENT).orElse(0L), ata.toBase58());
  }

  /** Signatures of what the faucet sent. */
  public record Funded(Optional<String> solSignature, Optional<String> usdcSignature) {}

  /**
   * Asks the cluster's faucet for SOL and, on the Shaga localnet, for USDC. Public clusters have
   * no USDC faucet, so {@code usdcMicro} must be 0 there.
   */
  public Funded fund(String address, long lamports, long usdcMicro) {
    Optional<String> sol = lamports > 0 ? Optional.of(rpc.requestAirdrop(address, lamports)) : Optional.empty();
    Optional<String> usdc = Optional.empty();
    if (usdcMicro > 0) {
      if (!cluster.name().equals(Cluster.LOCALNET.name())) {
        throw new IllegalArgumentException(cluster.name() + " has no USDC faucet; only localnet can mint test USDC");
      }
      usdc = Optional.of(rpc.call("shaga_fundUsdc", address, usdcMicro).path("signature").asText());
    }
    return new Funded(sol, usdc);
  }

  /** Recent transactions of the wallet, newest first. */
  public List<SolanaRpc.SignatureInfo> history(String address, int limit) {
    return rpc.getSignaturesForAddress(address, limit, COMMITMENT);
  }

  // ---- pay and verify ----------------------------------------------------------------------

  /** What {@code pay} shows before signing: fee, rent, balances after. */
  public PaymentPreview previewPayment(String payerAddress, PaymentRequest request) {
    return sender.preview(new PublicKey(payerAddress), request);
  }

  /** {@code pay --json}: status, signature, fee and time to confirmation. */
  public record PayResult(String status, Optional<String> signature, long feeLamports, long confirmedMillis,
      String detail) {
    public boolean ok() {
      return status.equals("confirmed");
    }

    /** The {@code pay --json} object: status, signature, fee_lamports, confirmed_ms, detail. */
    public Map<String, Object> json() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("status", status);
      out.put("signature", signature.orElse(null));
      out.put("fee_lamports", feeLamports);
      out.put("confirmed_ms", confirmedMillis);
      out.put("detail", detail);
      return out;
    }
  }

  /** Unlocks the keystore, pays, waits for confirmation (resuming an earlier attempt for the same reference). */
  public PayResult pay(char[] password, PaymentRequest request) throws KeystoreException, SQLException {
    WalletKey key = walletFile.unlock(password);
    return payWith(key, request);
  }

  /** Pays with an already unlocked key. */
  public PayResult payWith(WalletKey key, PaymentRequest request) throws SQLException {
    PaymentOutcome outcome;
    try {
      outcome = sender.pay(key, request);
    } catch (RpcException e) {
      return new PayResult("error", Optional.empty(), 0, 0, e.getMessage());
    }
    if (outcome instanceof PaymentOutcome.Confirmed c) {
      return new PayResult("confirmed", Optional.of(c.signature()), c.feeLamports(), c.confirmedMillis(), "");
    } else if (outcome instanceof PaymentOutcome.Failed f) {
      return new PayResult("failed", Optional.of(f.signature()), 0, 0, f.error());
    } else if (outcome instanceof PaymentOutcome.Rejected r) {
      return new PayResult("rejected", Optional.of(r.signature()), 0, 0, r.error());
    } else if (outcome instanceof PaymentOutcome.Expired x) {
      return new PayResult("expired", Optional.of(x.signature()), 0, 0,
          "the transaction expired before it landed; paying again is safe");
    } else if (outcome instanceof PaymentOutcome.Pending p) {
      return new PayResult("pending", Optional.of(p.signature()), 0, 0,
          "not confirmed yet; run the same payment again to keep waiting (it will not pay twice)");
    }
    return new PayResult("insufficient-funds", Optional.empty(), 0, 0,
        ((PaymentOutcome.InsufficientFunds) outcome).detail());
  }

  /** {@code verify --json}: ok, or the failed rule and what happened. */
  public record VerifyResult(boolean ok, Optional<String> reason, String detail, boolean retryable) {
    /** The {@code verify --json} object: ok, reason (null when ok), detail, retryable. */
    public Map<String, Object> json() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("ok", ok);
      out.put("reason", reason.orElse(null));
      out.put("detail", detail);
      out.put("retryable", retryable);
      return out;
    }
  }

  public VerifyResult verify(String signature, ExpectedPayment expected) throws SQLException {
    Verification v;
    try {
      v = verifier.verify(signature, expected);
    } catch (RpcException e) {
      return new VerifyResult(false, Optional.of("RPC_ERROR"), e.getMessage(), e.transientFailure());
    }
    if (v instanceof Verification.Accepted a) {
      return new VerifyResult(true, Optional.empty(), "paid " + a.amount() + " by " + a.payer() + " at slot " + a.slot(),
          false);
    }
    Verification.Rejected r = (Verification.Rejected) v;
    return new VerifyResult(false, Optional.of(r.reason().name()), r.detail(), r.reason().retryable());
  }

  // ---- host side: quotes and sessions ------------------------------------------------------

  /**
   * Creates and records a quote for {@code player}: this wallet as recipient, a fresh reference
   * key, memo {@code shaga:<id>}, valid from now for {@code validity}.
   */
  public Quote createQuote(String player, long amountMicro, int minutes, Duration validity)
      throws KeystoreException, SQLException {
    String id = UUID.randomUUID().toString();
    String reference = WalletKey.generate(random).address();
    Instant now = clock.instant();
    Quote quote = new Quote(id, new PublicKey(player).toBase58(), address(), usdcMint.toBase58(), amountMicro, reference,
        "shaga:" + id, minutes, now, now.plus(validity));
    ledger.saveQuote(quote);
    return quote;
  }

  /** What a quote asks the verifier to find on chain. */
  public static ExpectedPayment expectedPayment(Quote quote) {
    return new ExpectedPayment(new PublicKey(quote.player()), new PublicKey(quote.recipient()), new PublicKey(quote.mint()),
        quote.amount(), new PublicKey(quote.reference()), quote.memo(), quote.createdAt(), quote.expiresAt());
  }

  /** The outcome of accepting a payment for a quote: a started session, or why not. */
  public sealed interface Acceptance permits SessionStarted, PaymentRefused {}

  /** The payment verified and its signature was consumed together with the new session. */
  public record SessionStarted(network.shaga.wallet.ledger.Session session) implements Acceptance {}

  /** Not accepted; {@code reason} is a {@link network.shaga.wallet.verify.Reason} name or UNKNOWN_QUOTE/QUOTE_ALREADY_USED/RPC_ERROR. */
  public record PaymentRefused(String reason, String detail, boolean retryable) implements Acceptance {}

  /**
   * F8: verifies {@code signature} against the recorded quote and, if it holds, consumes the
   * signature and starts the session in one SQLite transaction.
   */
  public Acceptance acceptPayment(String quoteId, String signature) throws SQLException {
    Optional<Quote> quote = ledger.findQuote(quoteId);
    if (quote.isEmpty()) {
      return new PaymentRefused("UNKNOWN_QUOTE", "no quote " + quoteId, false);
    }
    Verification v;
    try {
      v = verifier.verify(signature, expectedPayment(quote.get()));
    } catch (RpcException e) {
      return new PaymentRefused("RPC_ERROR", e.getMessage(), e.transientFailure());
    }
    if (v instanceof Verification.Rejected r) {
      return new PaymentRefused(r.reason().name(), r.detail(), r.reason().retryable());
    }
    Verification.Accepted a = (Verification.Accepted) v;
    SessionStart start = ledger.startSession(quoteId,
        new Ledger.VerifiedPayment(a.signature(), a.payer(), a.amount(), a.slot(), a.blockTime()),
        Duration.ofMinutes(quote.get().minutes()));
    if (start instanceof SessionStart.Started s) {
      return new SessionStarted(s.session());
    } else if (start instanceof SessionStart.SignatureReused) {
      return new PaymentRefused("SIGNATURE_REUSED", "this payment already paid for a session", false);
    } else if (start instanceof SessionStart.QuoteAlreadyUsed) {
      return new PaymentRefused("QUOTE_ALREADY_USED", "this quote already started a session", false);
    }
    return new PaymentRefused("UNKNOWN_QUOTE", "no quote " + quoteId, false);
  }

  /**
   * Marks earnings settled whose payment has reached {@code finalized} without error (DESIGN §6:
   * sessions start at confirmed, settle at finalized). Returns how many were settled now.
   */
  public int settleFinalized() throws SQLException {
    int settled = 0;
    for (var earning : ledger.earnings()) {
      if (earning.settledAt().isPresent()) {
        continue;
      }
      var tx = rpc.getTransaction(earning.signature(), "finalized");
      boolean succeeded = tx.isPresent() && tx.get().path("meta").isObject() && tx.get().path("meta").path("err").isNull();
      if (succeeded && ledger.settle(earning.signature())) {
        settled++;
      }
    }
    return settled;
  }

  /** The verifier, for hosts that also consume the signature in the ledger. */
  public PaymentVerifier verifier() {
    return verifier;
  }

  public Ledger ledger() {
    return ledger;
  }
}
