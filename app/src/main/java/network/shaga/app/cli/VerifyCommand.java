package network.shaga.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import network.shaga.app.core.Usdc;
import network.shaga.wallet.ledger.Ledger;
import network.shaga.wallet.ledger.Quote;
import network.shaga.wallet.ledger.SessionStart;
import network.shaga.wallet.rpc.SolanaRpc;
import network.shaga.wallet.verify.ExpectedPayment;
import network.shaga.wallet.verify.PaymentVerifier;
import network.shaga.wallet.verify.Verification;
import org.p2p.solanaj.core.PublicKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code shaga verify}: checks a payment on chain against every rule a host applies before a session. With
 * {@code --ledger}, an accepted payment is consumed there, so verifying the same signature again fails.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a USDC payment on chain: found and confirmed, not failed, exactly one transferChecked of the",
            "mint to the recipient's account by the payer, amount, reference, memo, balance change, time window, never used before.",
            "Exit 0 with {\"ok\":true} or 1 with {\"ok\":false,\"reason\":CODE}."})
final class VerifyCommand implements Callable<Integer> {
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    @ParentCommand
    ShagaCommand root;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--signature", paramLabel = "SIG", required = true, description = "The payment's transaction signature.")
    String signature;

    @Option(names = "--recipient", paramLabel = "PUBKEY", required = true, description = "The wallet that must be paid (its USDC account receives).")
    String recipient;

    @Option(names = "--payer", paramLabel = "PUBKEY", required = true, description = "The wallet that must have paid.")
    String payer;

    @Mixin
    PaymentTermsOptions terms;

    @Option(names = "--not-before", paramLabel = "ISO-8601", description = "Earliest block time accepted (default: 24 hours ago).")
    Instant notBefore;

    @Option(names = "--not-after", paramLabel = "ISO-8601", description = "Latest block time accepted (default: now).")
    Instant notAfter;

    @Option(names = "--ledger", paramLabel = "FILE", description = "Consume the signature in this SQLite ledger when it verifies.")
    Path ledgerFile;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        long micro = terms.amountMicro();
        if (!signature.matches("[1-9A-HJ-NP-Za-km-z]{64,90}")) {
            throw new IllegalArgumentException("--signature must be a base58 transaction signature");
        }
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant();
        Instant from = notBefore != null ? notBefore : now.minus(Duration.ofHours(24));
        Instant to = notAfter != null ? notAfter : now;
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--not-after is before --not-before");
        }
        SolanaRpc rpc = cluster.connect();
        PublicKey mint = cluster.mint(rpc);
        ExpectedPayment expected = new ExpectedPayment(PaymentTermsOptions.publicKey(payer, "--payer"),
                PaymentTermsOptions.publicKey(recipient, "--recipient"), mint, micro, terms.reference(), terms.memo, from, to);
        Path file = ledgerFile != null ? ledgerFile : Files.createTempFile("shaga-verify", ".db");
        Map<String, Object> out = new LinkedHashMap<>();
        try (Ledger ledger = Ledger.open(file, clock)) {
            Verification verification = new PaymentVerifier(rpc, ledger, "confirmed", CLOCK_SKEW).verify(signature, expected);
            if (verification instanceof Verification.Rejected rejected) {
                out.put("ok", false);
                out.put("reason", rejected.reason().name());
                out.put("detail", rejected.detail());
                out.put("retryable", rejected.reason().retryable());
            } else {
                Verification.Accepted accepted = (Verification.Accepted) verification;
                out.put("ok", true);
                out.put("signature", accepted.signature());
                out.put("payer", accepted.payer());
                out.put("amount_micro", accepted.amount());
                out.put("slot", accepted.slot());
                out.put("block_time", accepted.blockTime().getEpochSecond());
                if (ledgerFile != null && !consume(ledger, expected, accepted, now)) {
                    out.put("ok", false);
                    out.put("reason", "SIGNATURE_REUSED");
                    out.put("detail", "this signature was consumed in " + ledgerFile + " by another verification");
                }
            }
        } finally {
            if (ledgerFile == null) {
                Files.deleteIfExists(file);
            }
        }
        boolean ok = Boolean.TRUE.equals(out.get("ok"));
        root.out().println(json ? new ObjectMapper().writeValueAsString(out)
                : ok ? "ok: paid " + Usdc.format((Long) out.get("amount_micro")) + " USDC by " + out.get("payer") + " at slot " + out.get("slot")
                : "rejected: " + out.get("reason") + " — " + out.get("detail"));
        return ok ? ShagaCommand.EXIT_OK : ShagaCommand.EXIT_FAILURE;
    }

    /** Records the verification as a quote and consumes the signature with it, atomically; false if already consumed. */
    private static boolean consume(Ledger ledger, ExpectedPayment expected, Verification.Accepted accepted, Instant now) throws Exception {
        Quote quote = new Quote(UUID.randomUUID().toString(), expected.player().toBase58(), expected.recipient().toBase58(),
                expected.mint().toBase58(), expected.amount(), expected.reference().toBase58(), expected.memo(), 0, now, now);
        ledger.saveQuote(quote);
        SessionStart start = ledger.startSession(quote.id(),
                new Ledger.VerifiedPayment(accepted.signature(), accepted.payer(), accepted.amount(), accepted.slot(), accepted.blockTime()),
                Duration.ZERO);
        return start instanceof SessionStart.Started;
    }
}
