package network.shaga.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import network.shaga.app.core.Usdc;
import network.shaga.wallet.WalletService;
import network.shaga.wallet.pay.PaymentPreview;
import network.shaga.wallet.pay.PaymentRequest;
import org.p2p.solanaj.core.PublicKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shaga pay}: a USDC payment with Solana Pay semantics (reference key, Memo v2), fee known before signing. */
@Command(name = "pay", mixinStandardHelpOptions = true,
        description = {"Pay USDC: creates the recipient's token account if missing, adds the memo and the reference key,",
            "shows the network fee first, and resends the same signed transaction until it is confirmed."})
final class PayCommand implements Callable<Integer> {
    @ParentCommand
    ShagaCommand root;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--keystore", paramLabel = "FILE", description = "Keystore file (default: wallet.json in the data folder).")
    Path keystore;

    @Mixin
    PasswordOptions passwords;

    @Option(names = "--to", paramLabel = "PUBKEY", required = true, description = "Recipient wallet address.")
    String to;

    @Mixin
    PaymentTermsOptions terms;

    @Option(names = "--json", description = "Print one JSON object: status, signature, fee_lamports, confirmed_ms.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        long micro = terms.amountMicro();
        PublicKey recipient = PaymentTermsOptions.publicKey(to, "--to");
        PublicKey ref = terms.reference();
        Path file = keystore != null ? keystore : WalletAccess.defaultPath(root);
        try (WalletService wallet = cluster.wallet(file, root.dataDirectory().resolve("ledger.db"))) {
            PaymentRequest request = new PaymentRequest(recipient, wallet.usdcMint(), micro, ref, terms.memo);
            PaymentPreview preview = wallet.previewPayment(wallet.address(), request);
            if (!preview.affordable()) {
                throw new IllegalStateException("not enough funds: this payment needs " + Usdc.format(micro) + " USDC and "
                        + (preview.feeLamports() + preview.rentLamports()) + " lamports; the wallet has " + Usdc.format(preview.tokenBefore())
                        + " USDC and " + preview.solBefore() + " lamports");
            }
            if (!json) {
                root.err().println("paying " + Usdc.format(micro) + " USDC to " + to + "; network fee " + preview.feeLamports() + " lamports"
                        + (preview.createsRecipientAccount() ? " + " + preview.rentLamports() + " for the recipient's token account" : ""));
            }
            WalletService.PayResult result = wallet.pay(passwords.read("Wallet password: "), request);
            root.out().println(json ? new ObjectMapper().writeValueAsString(result.json())
                    : result.ok() ? "confirmed " + result.signature().orElse("") + " in " + result.confirmedMillis() + " ms"
                    : result.status() + ": " + result.detail());
            return result.ok() ? ShagaCommand.EXIT_OK : ShagaCommand.EXIT_FAILURE;
        }
    }
}
