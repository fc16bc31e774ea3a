package network.shaga.dht.storage;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import network.shaga.dht.MutableItem;
import network.shaga.dht.NodeId;
import network.shaga.dht.krpc.KrpcError;

/** BEP 44 storage with its rules (signature, seq, cas), size caps, quotas and expiry. */
public final class ItemStore {
  private final StorageLimits limits;
  private final SourceQuota quota;
  private final Map<NodeId, StoredItem> items = new HashMap<>();
  private long bytes;

  public ItemStore(StorageLimits limits) {
    this.limits = limits;
    this.quota = new SourceQuota(limits.maxEntriesPerSourceIp());
  }

  /** Stores an immutable value under {@code SHA1(value)}. */
  public StoreOutcome putImmutable(byte[] value, Long ttlSeconds, InetAddress source, long now) {
    if (value.length > MutableItem.MAX_VALUE_BYTES) {
      return new StoreOutcome.Rejected(KrpcError.VALUE_TOO_BIG, "message (v field) too big");
    }
    NodeId target = NodeId.sha1(value);
    long expiry = now + limits.lifetimeNanos(ttlSeconds, limits.defaultItemTtl());
    StoredItem old = get(target, now);
    if (old != null) {
      replace(old, new StoredItem(target, old.value(), null, Math.max(expiry, old.expiresAt()),
          old.source()));
      return new StoreOutcome.Accepted(false);
    }
    return insert(new StoredItem(target, value, null, expiry, source));
  }

  /** Stores a signed mutable item if it is valid and newer (BEP 44 seq and cas rules). */
  public StoreOutcome putMutable(MutableItem item, Long cas, Long ttlSeconds, InetAddress source,
      long now) {
    if (item.value().length > MutableItem.MAX_VALUE_BYTES) {
      return new StoreOutcome.Rejected(KrpcError.VALUE_TOO_BIG, "message (v field) too big");
    }
    if (item.salt().length > MutableItem.MAX_SALT_BYTES) {
      return new StoreOutcome.Rejected(KrpcError.SALT_TOO_BIG, "salt (salt field) too big");
    }
    if (!item.verify()) {
      return new StoreOutcome.Rejected(KrpcError.INVALID_SIGNATURE, "invalid signature");
    }
    NodeId target = item.targetId();
    long expiry = now + limits.lifetimeNanos(ttlSeconds, limits.defaultItemTtl());
    StoredItem old = get(target, now);
    if (old != null) {
      long oldSeq = old.mutable().seq();
      if (cas != null && cas != oldSeq) {
        return new StoreOutcome.Rejected(KrpcError.CAS_MISMATCH, "CAS mismatch");
      }
      if (item.seq() < oldSeq
          || (item.seq() == oldSeq && !Arrays.equals(item.value(), old.value()))) {
        return new StoreOutcome.Rejected(KrpcError.SEQ_TOO_LOW, "sequence number less than current");
      }
      if (bytes - old.value().length + item.value().length > limits.maxBytes()) {
        return new StoreOutcome.Rejected(KrpcError.SERVER, "storage full");
      }
      // The same version keeps the later of the two expiries: a replica must not shorten it.
      long keep = item.seq() == oldSeq ? Math.max(expiry, old.expiresAt()) : expiry;
      replace(old, new StoredItem(target, item.value(), item, keep, old.source()));
      return new StoreOutcome.Accepted(false);
    }
    return insert(new StoredItem(target, item.value(), item, expiry, source));
  }

  private StoreOutcome insert(StoredItem item) {
    if (items.size() >= limits.maxItems() || bytes + item.value().length > limits.maxBytes()) {
      return new StoreOutcome.Rejected(KrpcError.SERVER, "storage full");
    }
    if (!quota.allows(item.source())) {
      return new StoreOutcome.Rejected(KrpcError.SERVER, "too many items from this address");
    }
    quota.add(item.source());
    items.put(item.target(), item);
    bytes += item.value().length;
    return new StoreOutcome.Accepted(false);
  }

  private void replace(StoredItem old, StoredItem fresh) {
    items.put(fresh.target(), fresh);
    bytes += fresh.value().length - old.value().length;
  }

  /** The live item at a target, or null. */
  public StoredItem get(NodeId target, long now) {
    StoredItem item = items.get(target);
    if (item != null && item.expiresAt() - now <= 0) {
      remove(item);
      return null;
    }
    return item;
  }

  /** Drops every expired item. */
  public void expire(long now) {
    for (StoredItem item : new ArrayList<>(items.values())) {
      if (item.expiresAt() - now <= 0) {
        remove(item);
      }
    }
  }

  private void remove(StoredItem item) {
    items.remove(item.target());
    bytes -= item.value().length;
    quota.remove(item.source());
  }

  /** Snapshot of the stored items (for re-replication). */
  public List<StoredItem> all() {
    return new ArrayList<>(items.values());
  }

  public int size() {
    return items.size();
  }

  public long bytes() {
    return bytes;
  }
}
