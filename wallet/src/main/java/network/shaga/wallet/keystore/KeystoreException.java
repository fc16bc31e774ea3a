package network.shaga.wallet.keystore;

/** A keystore could not be read or written; {@link #reason()} says which case the user is in. */
public final class KeystoreException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Distinct cases, each with its own advice to the user. */
  public enum Reason {
    /** No keystore file at that path. */
    NOT_FOUND,
    /** The password does not open this keystore. */
    WRONG_PASSWORD,
    /** The file is not a keystore, or its content was altered or truncated. */
    DAMAGED,
    /** Written by a newer version of Shaga. */
    UNSUPPORTED_VERSION,
    /** The file system refused the read or write. */
    IO
  }

  private final Reason reason;

  public KeystoreException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public KeystoreException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
