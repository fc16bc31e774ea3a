package network.shaga.dht.routing;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import network.shaga.dht.NodeId;
import network.shaga.dht.krpc.NodeInfo;

/**
 * Kademlia k-buckets (BEP 5): only the bucket covering our own id splits; full buckets keep
 * their long-lived nodes and park newcomers in a replacement cache until a questionable node
 * fails a ping or a node goes bad. Confined to the node thread.
 */
public final class RoutingTable {
  /** 15 minutes: how long a node stays "good" after answering (BEP 5). */
  public static final long GOOD_FOR_NANOS = 15L * 60 * 1_000_000_000L;
  /** Consecutive failures that make a node bad. */
  public static final int MAX_FAILURES = 2;

  private final NodeId self;
  /** Far buckets that keep more than K nodes (see {@link #capacity}). */
  public static final int WIDE_BUCKETS = 3;
  private final int k;
  private final int wideBuckets;
  private final List<Bucket> buckets = new ArrayList<>();
  /** One id per address: a single socket must not claim many table slots. */
  private final Map<InetSocketAddress, RoutingEntry> byAddress = new HashMap<>();
  private int size;
  /**
   * Contacts dropped for silence, newest last: a partition of the network looks like mass death
   * from each side, and these are the addresses that bring the halves together again.
   */
  private final ArrayDeque<RoutingEntry> dropped = new ArrayDeque<>();
  private static final int MAX_DROPPED = 64;

  /** A table whose {@link #WIDE_BUCKETS} farthest buckets keep more than K nodes. */
  public RoutingTable(NodeId self, int k, long now) {
    this(self, k, WIDE_BUCKETS, now);
  }

  /** A table whose {@code wideBuckets} farthest buckets keep more than K nodes (0: plain K everywhere). */
  public RoutingTable(NodeId self, int k, int wideBuckets, long now) {
    this.self = self;
    this.k = k;
    this.wideBuckets = wideBuckets;
    buckets.add(new Bucket(now));
  }

  /** What the caller must do after {@link #seen}. */
  public sealed interface Outcome {
    /** The node is in the table; {@code added} when it was not before. */
    record Present(RoutingEntry entry, boolean added) implements Outcome {}

    /** The bucket is full: the node was parked; ping {@code candidate} and evict it if silent. */
    record PingToEvict(RoutingEntry candidate) implements Outcome {}

    /** The node was not taken (it is us, or its id moved to another address). */
    record Ignored() implements Outcome {}
  }

  /** Records contact with a node: a response from it ({@code responded}) or a query it sent. */
  public Outcome seen(NodeId id, InetSocketAddress address, boolean responded, long now) {
    if (id.equals(self)) {
      return new Outcome.Ignored();
    }
    RoutingEntry holder = byAddress.get(address);
    if (holder != null && !holder.id().equals(id)) {
      if (!holder.isBad(MAX_FAILURES)) {
        return new Outcome.Ignored();
      }
      remove(bucketFor(holder.id()), holder);
    }
    Bucket bucket = bucketFor(id);
    // Usually the node is already known at this address: no need to scan its bucket for the id.
    RoutingEntry existing = holder != null && holder.id().equals(id) ? holder : bucket.find(id);
    if (existing != null) {
      if (!existing.address().equals(address)) {
        // An id claimed from a new address: trust the one we know until it goes bad.
        if (!existing.isBad(MAX_FAILURES)) {
          return new Outcome.Ignored();
        }
        remove(bucket, existing);
      } else {
        existing.seen(now, responded);
        bucket.entries.remove(existing);
        bucket.entries.add(existing);
        bucket.lastChanged = now;
        return new Outcome.Present(existing, false);
      }
    }
    RoutingEntry entry = new RoutingEntry(id, address, now);
    entry.seen(now, responded);
    while (true) {
      if (bucket.entries.size() < capacity(bucket)) {
        add(bucket, entry);
        bucket.lastChanged = now;
        return new Outcome.Present(entry, true);
      }
      RoutingEntry bad = bucket.firstBad();
      if (bad != null) {
        remove(bucket, bad);
        continue;
      }
      if (bucket == last() && buckets.size() < NodeId.BITS) {
        split(now);
        bucket = bucketFor(id);
        continue;
      }
      bucket.park(entry, k);
      RoutingEntry oldest = bucket.oldestNotGood(now);
      return oldest == null ? new Outcome.Ignored() : new Outcome.PingToEvict(oldest);
    }
  }

  /** Records a request to this node that went unanswered; bad nodes give way to a parked one. */
  public void failed(NodeId id, InetSocketAddress address) {
    Bucket bucket = bucketFor(id);
    RoutingEntry entry = bucket.find(id);
    if (entry == null || !entry.address().equals(address)) {
      return;
    }
    entry.failed();
    if (entry.isBad(MAX_FAILURES) && !bucket.replacements.isEmpty()) {
      remove(bucket, entry);
      promote(bucket);
    }
  }

  private void add(Bucket bucket, RoutingEntry entry) {
    bucket.entries.add(entry);
    byAddress.put(entry.address(), entry);
    size++;
  }

  /** Every removal is of a contact that went silent (bad, or failed its eviction ping). */
  private void remove(Bucket bucket, RoutingEntry entry) {
    if (bucket.entries.remove(entry)) {
      byAddress.remove(entry.address(), entry);
      size--;
      if (dropped.size() == MAX_DROPPED) {
        dropped.removeFirst();
      }
      dropped.addLast(entry);
    }
  }

  /**
   * Up to {@code n} silent contacts worth asking whether they are back: bad entries still in the
   * table and contacts dropped within {@code withinNanos}, picked at random. A node that answers
   * again is simply {@link #seen} as usual.
   */
  public List<NodeInfo> silentContacts(int n, long now, long withinNanos, RandomGenerator random) {
    // A dropped entry is no longer updated: its lastSeen is when we last heard from it.
    dropped.removeIf(d -> now - d.lastSeen() > withinNanos || byAddress.containsKey(d.address()));
    List<NodeInfo> pool = new ArrayList<>();
    for (Bucket b : buckets) {
      for (RoutingEntry e : b.entries) {
        if (e.isBad(MAX_FAILURES)) {
          pool.add(e.info());
        }
      }
    }
    for (RoutingEntry d : dropped) {
      pool.add(d.info());
    }
    List<NodeInfo> out = new ArrayList<>(Math.min(n, pool.size()));
    while (out.size() < n && !pool.isEmpty()) {
      out.add(pool.remove(random.nextInt(pool.size())));
    }
    return out;
  }

  /** Moves the most recently seen parked node whose address is free into the bucket. */
  private void promote(Bucket bucket) {
    while (!bucket.replacements.isEmpty()) {
      RoutingEntry candidate = bucket.replacements.remove(bucket.replacements.size() - 1);
      if (!byAddress.containsKey(candidate.address())) {
        add(bucket, candidate);
        return;
      }
    }
  }

  /** Drops a node that failed its eviction ping, promoting the newest parked node. */
  public void evict(NodeId id, InetSocketAddress address) {
    Bucket bucket = bucketFor(id);
    RoutingEntry entry = bucket.find(id);
    if (entry == null || !entry.address().equals(address)) {
      return;
    }
    remove(bucket, entry);
    promote(bucket);
  }

  /** The entry for an id at an address, if present (found through the address, without a bucket scan). */
  public Optional<RoutingEntry> get(NodeId id, InetSocketAddress address) {
    RoutingEntry e = byAddress.get(address);
    return e != null && e.id().equals(id) ? Optional.of(e) : Optional.empty();
  }

  /** The entry for an id, if present. */
  public Optional<RoutingEntry> get(NodeId id) {
    return Optional.ofNullable(bucketFor(id).find(id));
  }

  /** Up to {@code n} non-bad nodes closest to the target, closest first. */
  public List<RoutingEntry> closest(NodeId target, int n) {
    return closest(target, n, e -> true);
  }

  /** Up to {@code n} non-bad nodes closest to the target that pass {@code eligible}, closest first. */
  public List<RoutingEntry> closest(NodeId target, int n, Predicate<RoutingEntry> eligible) {
    // Buckets come in distance order without sorting the whole table (this runs for every
    // query answered): the target's own bucket c first, then the deeper buckets together (they
    // all differ from the target first at bit c), then buckets c-1, c-2, ... 0, each farther.
    int c = Math.min(self.commonPrefixLength(target), buckets.size() - 1);
    List<RoutingEntry> out = new ArrayList<>(n);
    List<RoutingEntry> group = new ArrayList<>(k << wideBuckets);
    addLive(group, buckets.get(c), eligible);
    takeSorted(out, group, target, n);
    group.clear();
    for (int i = c + 1; i < buckets.size() && out.size() < n; i++) {
      addLive(group, buckets.get(i), eligible);
    }
    takeSorted(out, group, target, n);
    for (int i = c - 1; i >= 0 && out.size() < n; i--) {
      group.clear();
      addLive(group, buckets.get(i), eligible);
      takeSorted(out, group, target, n);
    }
    return out;
  }

  private static void addLive(List<RoutingEntry> group, Bucket bucket,
      Predicate<RoutingEntry> eligible) {
    for (RoutingEntry e : bucket.entries) {
      if (!e.isBad(MAX_FAILURES) && eligible.test(e)) {
        group.add(e);
      }
    }
  }

  /**
   * Appends the group's entries closest to the target, in order, until {@code out} holds n: a
   * wide bucket has up to 64 entries and an answer needs 8 or 16, so the best are picked in one
   * pass instead of sorting the whole group.
   */
  private static void takeSorted(List<RoutingEntry> out, List<RoutingEntry> group, NodeId target,
      int n) {
    int want = n - out.size();
    if (want <= 0 || group.isEmpty()) {
      return;
    }
    if (group.size() <= want) {
      group.sort((a, b) -> target.compareDistance(a.id(), b.id()));
      out.addAll(group);
      return;
    }
    RoutingEntry[] best = new RoutingEntry[want];
    int size = 0;
    for (RoutingEntry e : group) {
      if (size == want && target.compareDistance(e.id(), best[want - 1].id()) >= 0) {
        continue;
      }
      int i = size < want ? size++ : want - 1;
      while (i > 0 && target.compareDistance(e.id(), best[i - 1].id()) < 0) {
        best[i] = best[i - 1];
        i--;
      }
      best[i] = e;
    }
    for (int i = 0; i < size; i++) {
      out.add(best[i]);
    }
  }

  /** Every entry (for snapshots). */
  public List<RoutingEntry> entries() {
    List<RoutingEntry> all = new ArrayList<>(size);
    for (Bucket b : buckets) {
      all.addAll(b.entries);
    }
    return all;
  }

  /** Random targets inside every bucket untouched for {@code staleNanos}, to refresh them. */
  public List<NodeId> refreshTargets(long now, long staleNanos, RandomGenerator random) {
    List<NodeId> targets = new ArrayList<>();
    for (int i = 0; i < buckets.size(); i++) {
      Bucket b = buckets.get(i);
      if (now - b.lastChanged >= staleNanos) {
        targets.add(self.randomWithPrefix(i, random));
        b.lastChanged = now;
      }
    }
    return targets;
  }

  /** Entries neither good nor bad that are worth a ping. */
  public List<RoutingEntry> questionable(long now) {
    List<RoutingEntry> out = new ArrayList<>();
    for (Bucket b : buckets) {
      for (RoutingEntry e : b.entries) {
        if (!e.isGood(now, GOOD_FOR_NANOS) && !e.isBad(MAX_FAILURES)) {
          out.add(e);
        }
      }
    }
    return out;
  }

  public int size() {
    return size;
  }

  public int bucketCount() {
    return buckets.size();
  }

  public NodeId self() {
    return self;
  }

  private Bucket last() {
    return buckets.get(buckets.size() - 1);
  }

  /**
   * How many nodes a bucket keeps: K, except the wide farthest ones, which keep 8, 4 and 2 times
   * K. They cover half, a quarter and an eighth of the id space, so a lookup's first hop from them
   * already lands up to three bits closer: one round trip less on a large network, for about 90
   * more contacts.
   */
  private int capacity(Bucket bucket) {
    int index = buckets.indexOf(bucket);
    return index < wideBuckets ? k << (wideBuckets - index) : k;
  }

  private Bucket bucketFor(NodeId id) {
    return buckets.get(Math.min(self.commonPrefixLength(id), buckets.size() - 1));
  }

  private void split(long now) {
    Bucket old = last();
    int depth = buckets.size() - 1;
    Bucket next = new Bucket(now);
    buckets.add(next);
    old.entries.removeIf(
        e -> {
          if (self.commonPrefixLength(e.id()) > depth) {
            next.entries.add(e);
            return true;
          }
          return false;
        });
    old.replacements.removeIf(
        e -> {
          if (self.commonPrefixLength(e.id()) > depth) {
            next.replacements.add(e);
            return true;
          }
          return false;
        });
  }

  private static final class Bucket {
    /** Least recently seen first. */
    final List<RoutingEntry> entries = new ArrayList<>(8);
    final List<RoutingEntry> replacements = new ArrayList<>(0);
    long lastChanged;

    Bucket(long now) {
      this.lastChanged = now;
    }

    RoutingEntry find(NodeId id) {
      for (RoutingEntry e : entries) {
        if (e.id().equals(id)) {
          return e;
        }
      }
      return null;
    }

    RoutingEntry firstBad() {
      for (RoutingEntry e : entries) {
        if (e.isBad(MAX_FAILURES)) {
          return e;
        }
      }
      return null;
    }

    RoutingEntry oldestNotGood(long now) {
      for (RoutingEntry e : entries) {
        if (!e.isGood(now, GOOD_FOR_NANOS)) {
          return e;
        }
      }
      return null;
    }

    void park(RoutingEntry entry, int k) {
      replacements.removeIf(e -> e.id().equals(entry.id()));
      replacements.add(entry);
      if (replacements.size() > k) {
        replacements.remove(0);
      }
    }
  }
}
