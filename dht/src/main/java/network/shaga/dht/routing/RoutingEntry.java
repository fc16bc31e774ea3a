package network.shaga.dht.routing;

import java.net.InetSocketAddress;
import network.shaga.dht.NodeId;
import network.shaga.dht.krpc.NodeInfo;

/** A contact in the routing table with its liveness and RTT history. Mutated on the node thread. */
public final class RoutingEntry {
  /** The contact as answers carry it, made once: every find_node or get answer lists 8 entries. */
  private final NodeInfo info;
  /** Kept beside the address: answers filter on the family, and reaching it costs three reads. */
  private final boolean ipv6;
  private final RttEstimator rtt = new RttEstimator();
  private long lastSeen;
  private long lastResponse = Long.MIN_VALUE;
  private int failures;

  RoutingEntry(NodeId id, InetSocketAddress address, long now) {
    this.info = new NodeInfo(id, address);
    this.ipv6 = address.getAddress() instanceof java.net.Inet6Address;
    this.lastSeen = now;
  }

  public NodeId id() {
    return info.id();
  }

  public InetSocketAddress address() {
    return info.address();
  }

  /** True for an IPv6 contact. */
  public boolean ipv6() {
    return ipv6;
  }

  public NodeInfo info() {
    return info;
  }

  public RttEstimator rtt() {
    return rtt;
  }

  public long lastSeen() {
    return lastSeen;
  }

  public int failures() {
    return failures;
  }

  void seen(long now, boolean responded) {
    lastSeen = now;
    if (responded) {
      lastResponse = now;
      failures = 0;
    }
  }

  void failed() {
    failures++;
  }

  /** True once the node answered one of our queries (its address is verified). */
  public boolean hasResponded() {
    return lastResponse != Long.MIN_VALUE;
  }

  /** BEP 5 "good": answered us recently and has not failed since. */
  public boolean isGood(long now, long goodForNanos) {
    return failures == 0 && lastResponse != Long.MIN_VALUE && now - lastResponse < goodForNanos;
  }

  /** BEP 5 "bad": failed to answer several queries in a row. */
  public boolean isBad(int maxFailures) {
    return failures >= maxFailures;
  }

  @Override
  public String toString() {
    return info.id() + "@" + info.address();
  }
}
