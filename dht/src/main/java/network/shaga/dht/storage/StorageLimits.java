package network.shaga.dht.storage;

import java.time.Duration;

/**
 * Hard caps and lifetimes of a node's storage.
 *
 * @param maxItems BEP 44 items stored in total
 * @param maxBytes bytes of BEP 44 values stored in total
 * @param maxInfohashes BEP 5 infohashes with at least one peer
 * @param maxPeersPerInfohash peers kept per infohash
 * @param maxPeers peers kept in total, over all infohashes
 * @param maxEntriesPerSourceIp items plus peer entries one source IP may have stored
 * @param maxTtl longest lifetime of any entry, whatever ttl is asked
 * @param defaultItemTtl lifetime of an item put without ttl (BEP 44: about 2 hours)
 * @param defaultPeerTtl lifetime of a peer announced without ttl (BEP 5: 30 to 60 minutes)
 */
public record StorageLimits(
    int maxItems,
    long maxBytes,
    int maxInfohashes,
    int maxPeersPerInfohash,
    int maxPeers,
    int maxEntriesPerSourceIp,
    Duration maxTtl,
    Duration defaultItemTtl,
    Duration defaultPeerTtl) {

  /**
   * Defaults for a desktop node. An infohash may hold a few thousand peers (a busy swarm, or a
   * directory cell of a dense region, read page by page); the total stays bounded (≈ 10 MB).
   */
  public static StorageLimits defaults() {
    return new StorageLimits(
        20_000, 16L << 20, 20_000, 8_192, 100_000, 512, Duration.ofHours(2), Duration.ofHours(2),
        Duration.ofMinutes(30));
  }

  /** Lifetime in nanoseconds for a requested ttl in seconds (null = default), capped at max. */
  long lifetimeNanos(Long ttlSeconds, Duration fallback) {
    long max = maxTtl.toNanos();
    if (ttlSeconds == null) {
      return Math.min(max, fallback.toNanos());
    }
    long asked = ttlSeconds >= max / 1_000_000_000L ? max : ttlSeconds * 1_000_000_000L;
    return Math.max(0, Math.min(max, asked));
  }
}
