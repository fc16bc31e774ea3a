package network.shaga.wallet.rpc;

/** A Solana RPC call failed; the subclass says how, so callers can advise or retry. */
public abstract sealed class RpcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RpcException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether trying again later may succeed. */
  public abstract boolean transientFailure();

  /** The node could not be reached or did not answer in time. */
  public static final class Unreachable extends RpcException {
    private static final long serialVersionUID = 1L;

    public Unreachable(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public boolean transientFailure() {
      return true;
    }
  }

  /** The node answered HTTP 429: too many requests from us. */
  public static final class RateLimited extends RpcException {
    private static final long serialVersionUID = 1L;

    public RateLimited(String message) {
      super(message, null);
    }

    @Override
    public boolean transientFailure() {
      return true;
    }
  }

  /** The node answered with an HTTP error status other than 429. */
  public static final class HttpStatus extends RpcException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public HttpStatus(int status, String message) {
      super(message, null);
      this.status = status;
    }

    public int status() {
      return status;
    }

    @Override
    public boolean transientFailure() {
      return status >= 500;
    }
  }

  /** The answer was not the JSON-RPC shape the method promises. */
  public static final class Malformed extends RpcException {
    private static final long serialVersionUID = 1L;

    public Malformed(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public boolean transientFailure() {
      return false;
    }
  }

  /** The node answered with a JSON-RPC error object. */
  public static final class JsonRpcError extends RpcException {
    private static final long serialVersionUID = 1L;
    private final long code;
    private final String data;

    public JsonRpcError(long code, String message, String data) {
      super("RPC error " + code + ": " + message, null);
      this.code = code;
      this.data = data;
    }

    public long code() {
      return code;
    }

    /** The error's {@code data} member as JSON text, or empty. */
    public String data() {
      return data;
    }

    @Override
    public boolean transientFailure() {
      // -32004/-32005/-32014: block not available / node behind / status not yet available.
      return code == -32004 || code == -32005 || code == -32014;
    }
  }
}
