package network.shaga.dht.krpc;

/** An error ({@code y = e}) with a KRPC / BEP 44 error code. */
public record KrpcError(byte[] transactionId, int code, String message) implements KrpcMessage {
  public static final int GENERIC = 201;
  public static final int SERVER = 202;
  public static final int PROTOCOL = 203;
  public static final int METHOD_UNKNOWN = 204;
  public static final int VALUE_TOO_BIG = 205;
  public static final int INVALID_SIGNATURE = 206;
  public static final int SALT_TOO_BIG = 207;
  public static final int CAS_MISMATCH = 301;
  public static final int SEQ_TOO_LOW = 302;
  /** Shaga extension: a replicated peer entry was refused because the peer removed itself. */
  public static final int PEER_REMOVED = 230;
}
