package network.shaga.wallet.localnet;

/** The two SPL token programs a localnet mint can belong to. */
public enum TokenProgram {
    SPL_TOKEN("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA", "spl-token"),
    TOKEN_2022("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb", "spl-token-2022");

    private final String programId;
    private final String rpcName;

    TokenProgram(String programId, String rpcName) {
        this.programId = programId;
        this.rpcName = rpcName;
    }

    /** The program's base58 address. */
    public String programId() {
        return programId;
    }

    /** The name jsonParsed responses (and {@code shaga_createMint}) use for it. */
    public String rpcName() {
        return rpcName;
    }
}
