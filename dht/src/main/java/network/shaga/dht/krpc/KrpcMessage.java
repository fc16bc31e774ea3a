package network.shaga.dht.krpc;

/** One KRPC packet (BEP 5): a query, a response or an error, matched by transaction id. */
public sealed interface KrpcMessage permits KrpcQuery, KrpcResponse, KrpcError {
  /** Transaction id chosen by the querying node (opaque bytes). */
  byte[] transactionId();
}
