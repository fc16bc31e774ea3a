package network.shaga.wallet.localnet;

/**
 * Tokens the localnet faucet minted to an owner.
 *
 * @param signature    the mint transaction's signature
 * @param tokenAccount the owner's associated token account that received them
 * @param mint         the mint
 * @param amount       base units minted (micro-USDC for the 6-decimal USDC mint)
 */
public record FundedTokens(String signature, String tokenAccount, String mint, long amount) {
}
