package network.shaga.dht;

/** Raised when bytes are not valid bencode or break the decoder's depth/size limits. */
public final class BencodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BencodeException(String message) {
    super(message);
  }
}
