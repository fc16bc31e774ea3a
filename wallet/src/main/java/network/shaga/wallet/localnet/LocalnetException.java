package network.shaga.wallet.localnet;

import java.util.OptionalInt;

/** The local Solana server could not be started or refused a request; the message says what to do. */
public final class LocalnetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Integer rpcCode;

    public LocalnetException(String message) {
        this(message, null, null);
    }

    public LocalnetException(String message, Throwable cause) {
        this(message, null, cause);
    }

    private LocalnetException(String message, Integer rpcCode, Throwable cause) {
        super(message, cause);
        this.rpcCode = rpcCode;
    }

    /** A JSON-RPC error answered by the server. */
    public static LocalnetException rpc(int code, String message) {
        return new LocalnetException(message + " (JSON-RPC " + code + ")", code, null);
    }

    /** The JSON-RPC error code when the server answered with an error. */
    public OptionalInt rpcCode() {
        return rpcCode == null ? OptionalInt.empty() : OptionalInt.of(rpcCode);
    }
}
