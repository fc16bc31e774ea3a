package network.shaga.dht.krpc;

import java.net.InetSocketAddress;
import network.shaga.dht.NodeId;

/** A DHT contact: its id and UDP address, as carried in compact node info. */
public record NodeInfo(NodeId id, InetSocketAddress address) {}
