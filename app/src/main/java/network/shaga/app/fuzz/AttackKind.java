package network.shaga.app.fuzz;

/** The kinds of bad request the host-API fuzzer sends; only {@link #HOST_RECORD} may be answered 2xx. */
enum AttackKind {
    /** Random bytes instead of HTTP. */
    JUNK(false),
    /** A session request with bytes flipped, swapped, cut or inserted anywhere, headers included. */
    MANGLED_HTTP(false),
    /** A session request without (some of) the signature headers. */
    UNSIGNED(true),
    /** A session request in the player's name whose signature or key does not match its body. */
    BAD_SIGNATURE(true),
    /** The exact bytes of a request the player sent and the host accepted earlier. */
    REPLAYED(true),
    /** Signed by the player, but stale, future-dated, with a bad nonce, or for another endpoint. */
    STALE_OR_MISDIRECTED(true),
    /** Correctly signed by another key: requests about the player's sessions and quotes in the player's name. */
    FOREIGN_SIGNER(true),
    /** The unsigned {@code GET /v1/host} endpoint with good and bad parameters and methods. */
    HOST_RECORD(true);

    private final boolean wellFormed;

    AttackKind(boolean wellFormed) {
        this.wellFormed = wellFormed;
    }

    /** True when the request is valid HTTP, so the server must answer it. */
    boolean wellFormed() {
        return wellFormed;
    }
}
