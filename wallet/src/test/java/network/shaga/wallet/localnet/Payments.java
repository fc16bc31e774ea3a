package network.shaga.wallet.localnet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.AccountMeta;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.Transaction;
import org.p2p.solanaj.core.TransactionInstruction;

/** Builds Solana Pay style USDC payments with solanaj, as the wallet does, to exercise the localnet. */
final class Payments {
    static final PublicKey TOKEN_PROGRAM = new PublicKey(TokenProgram.SPL_TOKEN.programId());
    static final PublicKey ATA_PROGRAM = new PublicKey("ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL");
    static final PublicKey MEMO_V2 = new PublicKey("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr");
    static final PublicKey SYSTEM_PROGRAM = new PublicKey("11111111111111111111111111111111");

    private Payments() {
    }

    static PublicKey ata(PublicKey owner, PublicKey mint, PublicKey tokenProgram) {
        return PublicKey.findProgramAddress(
                List.of(owner.toByteArray(), tokenProgram.toByteArray(), mint.toByteArray()), ATA_PROGRAM).getAddress();
    }

    static PublicKey ata(PublicKey owner, PublicKey mint) {
        return ata(owner, mint, TOKEN_PROGRAM);
    }

    static TransactionInstruction createAtaIdempotent(PublicKey payer, PublicKey owner, PublicKey mint) {
        return new TransactionInstruction(ATA_PROGRAM, List.of(
                new AccountMeta(payer, true, true),
                new AccountMeta(ata(owner, mint), false, true),
                new AccountMeta(owner, false, false),
                new AccountMeta(mint, false, false),
                new AccountMeta(SYSTEM_PROGRAM, false, false),
                new AccountMeta(TOKEN_PROGRAM, false, false)), new byte[] {1});
    }

    static TransactionInstruction memo(String text) {
        return new TransactionInstruction(MEMO_V2, List.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    /** transferChecked (12) with the Solana Pay reference appended as a read-only account. */
    static TransactionInstruction transferChecked(PublicKey source, PublicKey mint, PublicKey destination,
            PublicKey authority, long amount, int decimals, PublicKey reference) {
        ByteBuffer data = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        data.put((byte) 12).putLong(amount).put((byte) decimals);
        List<AccountMeta> keys = new ArrayList<>(List.of(
                new AccountMeta(source, false, true),
                new AccountMeta(mint, false, false),
                new AccountMeta(destination, false, true),
                new AccountMeta(authority, true, false)));
        if (reference != null) {
            keys.add(new AccountMeta(reference, false, false));
        }
        return new TransactionInstruction(TOKEN_PROGRAM, keys, data.array());
    }

    /** A signed USDC payment: create the host's ATA, memo, transferChecked with reference. */
    static String payment(Account player, PublicKey host, PublicKey mint, long amount, String memo,
            PublicKey reference, String blockhash) {
        Transaction tx = new Transaction();
        tx.addInstruction(createAtaIdempotent(player.getPublicKey(), host, mint));
        tx.addInstruction(memo(memo));
        tx.addInstruction(transferChecked(ata(player.getPublicKey(), mint), mint, ata(host, mint),
                player.getPublicKey(), amount, 6, reference));
        return sign(tx, player, blockhash);
    }

    static String sign(Transaction tx, Account signer, String blockhash) {
        tx.setRecentBlockHash(blockhash);
        tx.sign(signer);
        return Base64.getEncoder().encodeToString(tx.serialize());
    }
}
