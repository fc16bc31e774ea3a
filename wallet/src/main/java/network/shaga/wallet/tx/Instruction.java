package network.shaga.wallet.tx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.p2p.solanaj.core.PublicKey;

/** One instruction of a transaction: program, account metas and data. */
public record Instruction(PublicKey programId, List<AccountMeta> accounts, byte[] data) {
  public Instruction {
    accounts = List.copyOf(accounts);
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** An account an instruction reads or writes, and whether it must sign. */
  public record AccountMeta(PublicKey key, boolean signer, boolean writable) {
    public static AccountMeta signerWritable(PublicKey k) {
      return new AccountMeta(k, true, true);
    }

    public static AccountMeta writable(PublicKey k) {
      return new AccountMeta(k, false, true);
    }

    public static AccountMeta readonly(PublicKey k) {
      return new AccountMeta(k, false, false);
    }

    public static AccountMeta signerReadonly(PublicKey k) {
      return new AccountMeta(k, true, false);
    }
  }

  /** Memo v2 with {@code text}; solanaj's MemoProgram is the older v1 program (FINDINGS). */
  public static Instruction memo(String text) {
    return new Instruction(Programs.MEMO_V2, List.of(), text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * SPL Token {@code transferChecked}: source, mint, destination, authority (signer), then
   * {@code extra} read-only accounts (the Solana Pay reference keys).
   */
  public static Instruction transferChecked(PublicKey tokenProgram, PublicKey source, PublicKey mint,
      PublicKey destination, PublicKey authority, long amount, int decimals, List<PublicKey> extra) {
    List<AccountMeta> metas = new ArrayList<>(List.of(
        AccountMeta.writable(source), AccountMeta.readonly(mint), AccountMeta.writable(destination),
        AccountMeta.signerReadonly(authority)));
    extra.forEach(k -> metas.add(AccountMeta.readonly(k)));
    ByteBuffer data = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
    data.put((byte) Programs.TOKEN_TRANSFER_CHECKED).putLong(amount).put((byte) decimals);
    return new Instruction(tokenProgram, metas, data.array());
  }

  /** Associated Token Account {@code createIdempotent}: a no-op when the account exists. */
  public static Instruction createAssociatedTokenAccountIdempotent(PublicKey payer, PublicKey owner, PublicKey mint,
      PublicKey tokenProgram) {
    PublicKey ata = TokenAccounts.associated(owner, mint, tokenProgram);
    return new Instruction(Programs.ASSOCIATED_TOKEN, List.of(
        AccountMeta.signerWritable(payer), AccountMeta.writable(ata), AccountMeta.readonly(owner),
        AccountMeta.readonly(mint), AccountMeta.readonly(Programs.SYSTEM), AccountMeta.readonly(tokenProgram)),
        new byte[] {1});
  }
}
