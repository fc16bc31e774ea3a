package network.shaga.dht.sim;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import network.shaga.dht.DhtNode;

/** The nodes online in a run: constant-time add, remove and uniform random pick. */
public final class LiveNodes {
  private final List<DhtNode> nodes = new ArrayList<>();
  private final Map<DhtNode, Integer> index = new IdentityHashMap<>();
  private final Random random;

  /** Picks with {@code random}. */
  public LiveNodes(Random random) {
    this.random = random;
  }

  /** Adds a node (no-op if present). */
  public void add(DhtNode n) {
    if (index.putIfAbsent(n, nodes.size()) == null) {
      nodes.add(n);
    }
  }

  /** Removes a node by moving the last one into its slot. */
  public boolean remove(DhtNode n) {
    Integer i = index.remove(n);
    if (i == null) {
      return false;
    }
    DhtNode last = nodes.remove(nodes.size() - 1);
    if (last != n) {
      nodes.set(i, last);
      index.put(last, i);
    }
    return true;
  }

  /** Whether {@code n} is online. */
  public boolean contains(DhtNode n) {
    return index.containsKey(n);
  }

  /** How many are online. */
  public int size() {
    return nodes.size();
  }

  /** A uniformly random live node. */
  public DhtNode random() {
    if (nodes.isEmpty()) {
      throw new IllegalStateException("no node is online");
    }
    return nodes.get(random.nextInt(nodes.size()));
  }

  /** A snapshot of the live nodes. */
  public List<DhtNode> all() {
    return new ArrayList<>(nodes);
  }
}
