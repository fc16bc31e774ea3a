package network.shaga.dht.krpc;

import java.net.InetSocketAddress;
import java.util.List;
import network.shaga.dht.NodeId;

/**
 * A response ({@code y = r}); which optional fields are set depends on the query it answers.
 *
 * @param client top-level {@code v} or null
 * @param requester BEP 42 top-level {@code ip}: the querier's address as seen by the responder
 * @param nodes compact node info ({@code nodes} and {@code nodes6}), empty when absent
 * @param values BEP 5 peers, empty when absent
 * @param value BEP 44 bencoded {@code v} or null
 * @param removed Shaga extension: the announce removed the peer
 * @param peerCount Shaga extension {@code np}: how many peers the responder holds for the
 *     infohash when that is more than {@code values} carries, else null
 */
public record KrpcResponse(
    byte[] transactionId,
    NodeId sender,
    byte[] client,
    InetSocketAddress requester,
    List<NodeInfo> nodes,
    List<InetSocketAddress> values,
    byte[] token,
    byte[] value,
    byte[] key,
    byte[] signature,
    Long seq,
    boolean removed,
    Integer peerCount)
    implements KrpcMessage {

  public KrpcResponse {
    nodes = List.copyOf(nodes);
    values = List.copyOf(values);
  }

  /** A response without the peer count. */
  public KrpcResponse(byte[] transactionId, NodeId sender, byte[] client,
      InetSocketAddress requester, List<NodeInfo> nodes, List<InetSocketAddress> values,
      byte[] token, byte[] value, byte[] key, byte[] signature, Long seq, boolean removed) {
    this(transactionId, sender, client, requester, nodes, values, token, value, key, signature,
        seq, removed, null);
  }

  /** A response carrying only the responder's id (ping, announce_peer, put). */
  public static KrpcResponse ack(byte[] tid, NodeId sender, InetSocketAddress requester) {
    return new KrpcResponse(
        tid, sender, null, requester, List.of(), List.of(), null, null, null, null, null, false);
  }
}
