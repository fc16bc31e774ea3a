package network.shaga.wallet.tx;

import java.util.List;
import org.p2p.solanaj.core.PublicKey;

/** Associated token account addresses (the PDA wallets and verifiers agree on). */
public final class TokenAccounts {
  private TokenAccounts() {}

  /** The associated token account of {@code owner} for {@code mint} under {@code tokenProgram}. */
  public static PublicKey associated(PublicKey owner, PublicKey mint, PublicKey tokenProgram) {
    try {
      return PublicKey.findProgramAddress(
          List.of(owner.toByteArray(), tokenProgram.toByteArray(), mint.toByteArray()),
          Programs.ASSOCIATED_TOKEN).getAddress();
    } catch (Exception e) {
      throw new IllegalStateException("no associated token address for " + owner + "/" + mint, e);
    }
  }

  /** The classic-SPL-Token associated account, the only kind Shaga pays into. */
  public static PublicKey associated(PublicKey owner, PublicKey mint) {
    return associated(owner, mint, Programs.TOKEN);
  }
}
