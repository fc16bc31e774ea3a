package network.shaga.dht.storage;

import java.net.InetAddress;
import network.shaga.dht.MutableItem;
import network.shaga.dht.NodeId;

/**
 * A BEP 44 value held by this node: immutable when {@code mutable} is null.
 *
 * @param value the bencoded {@code v}
 * @param expiresAt scheduler time (nanoseconds) after which the item is dropped
 */
public record StoredItem(
    NodeId target, byte[] value, MutableItem mutable, long expiresAt, InetAddress source) {}
