package network.shaga.dht.storage;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import network.shaga.dht.NodeId;
import network.shaga.dht.krpc.KrpcError;

/**
 * BEP 5 peer lists with per-entry expiry (the Shaga {@code ttl}), explicit removal, caps and
 * per-source quotas. Removed peers leave a tombstone so a stale replica cannot resurrect them.
 */
public final class PeerStore {
  private final StorageLimits limits;
  private final SourceQuota quota;
  private final Map<NodeId, Map<InetSocketAddress, Long>> peers = new HashMap<>();
  private final Map<NodeId, Map<InetSocketAddress, Long>> tombstones = new HashMap<>();
  private int count;

  public PeerStore(StorageLimits limits) {
    this.limits = limits;
    this.quota = new SourceQuota(limits.maxEntriesPerSourceIp());
  }

  /**
   * Adds or refreshes a peer, or removes it when {@code ttlSeconds} is 0.
   *
   * @param replica true when another storing node replicates the entry (not the peer itself):
   *     it never extends an entry and never revives a removed one
   */
  public StoreOutcome announce(NodeId infohash, InetSocketAddress peer, Long ttlSeconds,
      boolean replica, long now) {
    if (ttlSeconds != null && ttlSeconds <= 0) {
      if (replica) {
        return new StoreOutcome.Rejected(KrpcError.PROTOCOL, "replicas cannot remove peers");
      }
      remove(infohash, peer);
      tombstones.computeIfAbsent(infohash, k -> new LinkedHashMap<>())
          .put(peer, now + limits.maxTtl().toNanos());
      return new StoreOutcome.Accepted(true);
    }
    long expiry = now + limits.lifetimeNanos(ttlSeconds, limits.defaultPeerTtl());
    if (replica && isTombstoned(infohash, peer, now)) {
      return new StoreOutcome.Rejected(KrpcError.PEER_REMOVED, "peer was removed");
    }
    if (!replica) {
      Map<InetSocketAddress, Long> graves = tombstones.get(infohash);
      if (graves != null && graves.remove(peer) != null && graves.isEmpty()) {
        tombstones.remove(infohash);
      }
    }
    Map<InetSocketAddress, Long> list = peers.get(infohash);
    if (list != null && list.containsKey(peer)) {
      long old = list.get(peer);
      list.put(peer, replica ? Math.max(old, expiry) : expiry);
      return new StoreOutcome.Accepted(false);
    }
    if (list == null && peers.size() >= limits.maxInfohashes()) {
      return new StoreOutcome.Rejected(KrpcError.SERVER, "storage full");
    }
    if (list != null && list.size() >= limits.maxPeersPerInfohash()) {
      return new StoreOutcome.Rejected(KrpcError.SERVER, "peer list full");
    }
    if (count >= limits.maxPeers()) {
      return new StoreOutcome.Rejected(KrpcError.SERVER, "storage full");
    }
    if (!quota.allows(peer.getAddress())) {
      return new StoreOutcome.Rejected(KrpcError.SERVER, "too many entries for this address");
    }
    quota.add(peer.getAddress());
    peers.computeIfAbsent(infohash, k -> new LinkedHashMap<>()).put(peer, expiry);
    count++;
    return new StoreOutcome.Accepted(false);
  }

  private boolean isTombstoned(NodeId infohash, InetSocketAddress peer, long now) {
    Map<InetSocketAddress, Long> graves = tombstones.get(infohash);
    Long until = graves == null ? null : graves.get(peer);
    return until != null && until - now > 0;
  }

  private void remove(NodeId infohash, InetSocketAddress peer) {
    Map<InetSocketAddress, Long> list = peers.get(infohash);
    if (list != null && list.remove(peer) != null) {
      count--;
      quota.remove(peer.getAddress());
      if (list.isEmpty()) {
        peers.remove(infohash);
      }
    }
  }

  /** Up to {@code max} live peers for an infohash, a random sample when there are more. */
  public List<InetSocketAddress> peers(NodeId infohash, int max, long now, RandomGenerator random) {
    Map<InetSocketAddress, Long> list = peers.get(infohash);
    if (list == null) {
      return List.of();
    }
    List<InetSocketAddress> live = new ArrayList<>(list.size());
    for (Iterator<Map.Entry<InetSocketAddress, Long>> it = list.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<InetSocketAddress, Long> e = it.next();
      if (e.getValue() - now <= 0) {
        it.remove();
        count--;
        quota.remove(e.getKey().getAddress());
      } else {
        live.add(e.getKey());
      }
    }
    if (list.isEmpty()) {
      peers.remove(infohash);
    }
    if (live.size() > max) {
      Collections.shuffle(live, new java.util.Random(random.nextLong()));
      return live.subList(0, max);
    }
    return live;
  }

  /**
   * One page of the live peers of an infohash, in a stable order (oldest entry first), and how
   * many live peers there are in all.
   */
  public Page page(NodeId infohash, int page, int pageSize, long now) {
    List<InetSocketAddress> live = peers(infohash, Integer.MAX_VALUE, now,
        RandomGenerator.getDefault());
    long from = (long) page * pageSize;
    if (from >= live.size()) {
      return new Page(List.of(), live.size());
    }
    int to = (int) Math.min(live.size(), from + pageSize);
    return new Page(List.copyOf(live.subList((int) from, to)), live.size());
  }

  /** A page of peers and the size of the whole list. */
  public record Page(List<InetSocketAddress> peers, int total) {}

  /** How many live peers are stored for an infohash. */
  public int count(NodeId infohash, long now) {
    Map<InetSocketAddress, Long> list = peers.get(infohash);
    if (list == null) {
      return 0;
    }
    int live = 0;
    for (long expiry : list.values()) {
      if (expiry - now > 0) {
        live++;
      }
    }
    return live;
  }

  /** Live entries of one infohash with their expiry (for re-replication). */
  public Map<InetSocketAddress, Long> entries(NodeId infohash, long now) {
    peers(infohash, Integer.MAX_VALUE, now, RandomGenerator.getDefault());
    Map<InetSocketAddress, Long> list = peers.get(infohash);
    return list == null ? Map.of() : new LinkedHashMap<>(list);
  }

  /** Infohashes with stored peers. */
  public List<NodeId> infohashes() {
    return new ArrayList<>(peers.keySet());
  }

  /** Drops expired peers and tombstones. */
  public void expire(long now) {
    for (NodeId infohash : infohashes()) {
      peers(infohash, 0, now, RandomGenerator.getDefault());
    }
    tombstones.values().removeIf(
        graves -> {
          graves.values().removeIf(until -> until - now <= 0);
          return graves.isEmpty();
        });
  }

  public int peerCount() {
    return count;
  }

  public int infohashCount() {
    return peers.size();
  }
}
