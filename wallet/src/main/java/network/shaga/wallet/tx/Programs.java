package network.shaga.wallet.tx;

import org.p2p.solanaj.core.PublicKey;

/** Addresses of the on-chain programs Shaga payments use: protocol facts, kept in one place. */
public final class Programs {
  public static final PublicKey SYSTEM = new PublicKey("11111111111111111111111111111111");
  public static final PublicKey TOKEN = new PublicKey("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
  public static final PublicKey TOKEN_2022 = new PublicKey("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb");
  public static final PublicKey ASSOCIATED_TOKEN = new PublicKey("ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL");
  public static final PublicKey MEMO_V2 = new PublicKey("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr");
  public static final PublicKey MEMO_V1 = new PublicKey("Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo");
  public static final PublicKey COMPUTE_BUDGET = new PublicKey("ComputeBudget111111111111111111111111111111");

  /** USDC and the localnet mint both use 6 decimals. */
  public static final int USDC_DECIMALS = 6;

  /** SPL Token instruction tags (first data byte). */
  public static final int TOKEN_TRANSFER = 3;
  public static final int TOKEN_TRANSFER_CHECKED = 12;

  private Programs() {}
}
