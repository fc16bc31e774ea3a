package network.shaga.dht.storage;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** Counts stored entries per source IP so one address cannot fill a node's storage. */
final class SourceQuota {
  private final Map<InetAddress, Integer> counts = new HashMap<>();
  private final int max;

  SourceQuota(int max) {
    this.max = max;
  }

  boolean allows(InetAddress source) {
    return counts.getOrDefault(source, 0) < max;
  }

  void add(InetAddress source) {
    counts.merge(source, 1, Integer::sum);
  }

  void remove(InetAddress source) {
    counts.computeIfPresent(source, (k, v) -> v <= 1 ? null : v - 1);
  }
}
