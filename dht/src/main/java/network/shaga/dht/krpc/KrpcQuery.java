package network.shaga.dht.krpc;

import network.shaga.dht.NodeId;

/**
 * A query ({@code y = q}).
 *
 * @param readOnly BEP 43 {@code ro}: the sender does not answer queries, keep it out of tables
 * @param client top-level {@code v} (client version) or null
 */
public record KrpcQuery(
    byte[] transactionId, NodeId sender, boolean readOnly, byte[] client, Request request)
    implements KrpcMessage {}
