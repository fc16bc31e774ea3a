package network.shaga.app.session;

import java.sql.SQLException;
import java.time.Duration;
import network.shaga.wallet.WalletService;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.ledger.Quote;
import network.shaga.wallet.pay.PaymentRequest;
import org.p2p.solanaj.core.PublicKey;

/** The host's side of session money: quotes, payment acceptance (F8) and refunds, through its unlocked wallet. */
public final class HostPayments {
    private final WalletService wallet;
    private final WalletKey key;

    public HostPayments(WalletService wallet, WalletKey key) {
        this.wallet = wallet;
        this.key = key;
    }

    public String address() {
        return key.address();
    }

    public String mint() {
        return wallet.usdcMint().toBase58();
    }

    public Quote quote(String player, long amountMicro, int minutes, Duration validity) throws SQLException {
        try {
            return wallet.createQuote(player, amountMicro, minutes, validity);
        } catch (network.shaga.wallet.keystore.KeystoreException e) {
            throw new SQLException("cannot read the host wallet's address: " + e.getMessage(), e);
        }
    }

    public WalletService.Acceptance accept(String quoteId, String signature) throws SQLException {
        return wallet.acceptPayment(quoteId, signature);
    }

    /**
     * Sends {@code amountMicro} USDC back to {@code player} with memo {@code shaga-refund:<sessionId>} and waits for it.
     * Calling it again with the same {@code reference} resumes that transfer instead of sending another.
     */
    public WalletService.PayResult refund(String player, long amountMicro, String sessionId, String reference) throws SQLException {
        PaymentRequest request = new PaymentRequest(new PublicKey(player), wallet.usdcMint(), amountMicro, new PublicKey(reference),
                "shaga-refund:" + sessionId);
        return wallet.payWith(key, request);
    }

    public void endLedgerSessionOf(String quoteId) throws SQLException {
        // The wallet ledger's sessions are keyed by their own id; the quote id links them to ours.
        wallet.ledger().endSessionOfQuote(quoteId);
    }
}
