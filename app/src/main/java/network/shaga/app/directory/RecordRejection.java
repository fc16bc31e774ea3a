package network.shaga.app.directory;

/** Why a host record found in the directory was dropped instead of shown. */
public enum RecordRejection {
    /** The signature does not match the public key, salt, seq and value. */
    BAD_SIGNATURE,
    /** Signed for another salt, i.e. not a Shaga host record. */
    WRONG_SALT,
    /** An older seq than one already seen for the same key. */
    STALE_SEQ,
    /** Published for another Solana cluster than the player's. */
    WRONG_NETWORK,
    /** The value is larger than BEP 44 allows. */
    OVERSIZE,
    /** Not a bencoded dictionary with the required fields. */
    MALFORMED,
    /** Served from another address than the one in the record (a copy replayed by someone else). */
    ENDPOINT_MISMATCH
}
