package network.shaga.app.cli;

import network.shaga.app.core.Usdc;
import org.p2p.solanaj.core.PublicKey;
import picocli.CommandLine.Option;

/** What a USDC payment carries, for the commands that make one ({@code pay}) and check one ({@code verify}). */
final class PaymentTermsOptions {
    @Option(names = "--amount", paramLabel = "USDC", required = true,
            description = "Amount in USDC, e.g. 1.25 (for verify: the least that counts).")
    String amount;

    @Option(names = "--reference", paramLabel = "PUBKEY", required = true,
            description = "Reference key the transfer carries, by which the recipient finds the payment.")
    String reference;

    @Option(names = "--memo", paramLabel = "TEXT", required = true, description = "Exact memo text (Memo v2), e.g. shaga:<session id>.")
    String memo;

    long amountMicro() {
        long micro = Usdc.parseMicro(amount);
        if (micro <= 0) {
            throw new IllegalArgumentException("--amount must be above zero");
        }
        return micro;
    }

    PublicKey reference() {
        return publicKey(reference, "--reference");
    }

    /** A base58 Solana address given as an option, or a clear error naming the option. */
    static PublicKey publicKey(String text, String option) {
        try {
            PublicKey key = new PublicKey(text);
            if (key.toByteArray().length == 32) {
                return key;
            }
        } catch (RuntimeException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a base58 Solana address, got '" + text + "'");
    }
}
