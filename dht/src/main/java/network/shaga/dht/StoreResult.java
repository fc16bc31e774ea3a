package network.shaga.dht;

/**
 * Outcome of a put or announce: how many of the closest nodes acknowledged the store.
 *
 * @param acks nodes that confirmed the store
 * @param attempted nodes asked to store (the K closest that answered the lookup with a token)
 * @param target the key that was stored under
 */
public record StoreResult(int acks, int attempted, NodeId target) {}
