package network.shaga.dht.bench;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** How every harness picks bootstrap contacts among the nodes it already started. */
final class Seeds {
  private Seeds() {}

  /** Up to {@code count} distinct nodes of {@code started}, drawn with {@code random}. */
  static List<InetSocketAddress> pick(
      List<InetSocketAddress> started, int count, SplittableRandom random) {
    List<InetSocketAddress> pool = new ArrayList<>(started);
    List<InetSocketAddress> picked = new ArrayList<>();
    while (!pool.isEmpty() && picked.size() < count) {
      picked.add(pool.remove(random.nextInt(pool.size())));
    }
    return picked;
  }
}
