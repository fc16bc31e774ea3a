package network.shaga.dht.interop;

/** A command a harness refused or could not carry out, or a harness that stopped answering. */
public final class HarnessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  HarnessException(String message) {
    super(message);
  }

  HarnessException(String message, Throwable cause) {
    super(message, cause);
  }
}
