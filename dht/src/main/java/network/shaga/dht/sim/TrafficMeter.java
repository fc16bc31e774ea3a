package network.shaga.dht.sim;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import network.shaga.dht.DhtNode;
import network.shaga.dht.DhtStats;
import network.shaga.dht.sim.ChurnReport.Spread;

/**
 * Datagrams and bytes (sent plus received) of every node during the window, over the minutes
 * each was online in it: means weigh nodes by their time online; the spread is over nodes
 * online for at least a minute.
 */
public final class TrafficMeter implements SessionChurn.Listener {
  private final Map<DhtNode, long[]> since = new IdentityHashMap<>();
  private final List<Double> packetRates = new ArrayList<>();
  private final List<Double> byteRates = new ArrayList<>();
  private boolean open;
  private double packets;
  private double bytes;
  private double minutes;

  /** Starts the window with {@code nodes} online. */
  public void open(List<DhtNode> nodes, long now) {
    open = true;
    for (DhtNode n : nodes) {
      DhtStats st = n.stats();
      since.put(n, new long[] {st.packetsIn() + st.packetsOut(), st.bytesIn() + st.bytesOut(),
          now});
    }
  }

  /** A node came online during the window. */
  public void join(DhtNode n, long now) {
    if (open) {
      since.put(n, new long[] {0, 0, now});
    }
  }

  /** A node went offline; its share of the window is counted. */
  public void leave(DhtNode n, long now) {
    long[] base = since.remove(n);
    if (!open || base == null) {
      return;
    }
    DhtStats st = n.stats();
    double m = (now - base[2]) / 6e10;
    double p = st.packetsIn() + st.packetsOut() - base[0];
    double b = st.bytesIn() + st.bytesOut() - base[1];
    packets += p;
    bytes += b;
    minutes += m;
    if (m >= 1) {
      packetRates.add(p / m);
      byteRates.add(b / m);
    }
  }

  /** Ends the window with {@code nodes} still online. */
  public void close(List<DhtNode> nodes, long now) {
    for (DhtNode n : nodes) {
      leave(n, now);
    }
    open = false;
    since.clear();
  }

  @Override
  public void joined(DhtNode node, long now) {
    join(node, now);
  }

  @Override
  public void left(DhtNode node, long now) {
    leave(node, now);
  }

  /** Datagrams per node per minute (sent plus received). */
  public Spread packets() {
    return spread(packets, packetRates);
  }

  /** Bytes per node per minute (sent plus received). */
  public Spread bytes() {
    return spread(bytes, byteRates);
  }

  private Spread spread(double total, List<Double> rates) {
    Spread s = Spread.of(rates.stream().mapToDouble(Double::doubleValue).toArray());
    return new Spread(minutes == 0 ? 0 : total / minutes, s.p99(), s.max());
  }
}
