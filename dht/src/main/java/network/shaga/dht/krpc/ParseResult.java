package network.shaga.dht.krpc;

/** Outcome of decoding a datagram: a message, or the reason it was rejected. */
public sealed interface ParseResult {
  /** A well-formed message. */
  record Parsed(KrpcMessage message) implements ParseResult {}

  /**
   * A rejected datagram. {@code transactionId} is set when the packet was a query that deserves
   * an error reply with {@code errorCode}; otherwise it is null and the packet is dropped.
   */
  record Malformed(byte[] transactionId, int errorCode, String reason) implements ParseResult {}
}
