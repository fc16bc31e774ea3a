package network.shaga.dht.sim;

import java.util.List;

/**
 * What a {@link ChurnRunner} run measured. Times are virtual.
 *
 * @param transport e.g. {@code sim-wan}
 * @param sessions the session distribution's label, or {@code none} without churn
 * @param warmupMinutes virtual time the network ran, churn on, before the window
 * @param windowMinutes length of the observation window
 * @param putAcksMin fewest acknowledgements of any initial put or announce
 * @param lookup latency of the gets spread over the window, in ms
 * @param lookupSuccess fraction of those gets that found their item (gets whose own node left
 *     before they finished are not counted)
 * @param nodesReplaced nodes that left at the end of their session during the window (each
 *     replaced by a new one)
 * @param storage items and peer entries held per live node at the end of the window
 * @param packetsPerNodeMinute datagrams sent plus received per node per minute of the window
 * @param bytesPerNodeMinute bytes sent plus received per node per minute of the window
 * @param itemsRetrievable fraction of stored items a get from a random live node finds at the
 *     end of the window
 * @param peersRetrievable fraction of announced peer entries a get_peers finds then
 * @param fault what the fault did, or null without one
 * @param heapBytes used heap after a GC with the whole network alive
 * @param virtualMinutes virtual time the run spanned, start-up included
 */
public record ChurnReport(
    String transport,
    int nodes,
    int items,
    int announces,
    double loss,
    double churnPerHour,
    String sessions,
    double warmupMinutes,
    double windowMinutes,
    double putAcksMin,
    Latency lookup,
    int lookups,
    double lookupSuccess,
    int nodesReplaced,
    StorageLoad storage,
    Spread packetsPerNodeMinute,
    Spread bytesPerNodeMinute,
    double itemsRetrievable,
    double peersRetrievable,
    FaultReport fault,
    long heapBytes,
    double virtualMinutes,
    long wallMillis) {

  /** Latency percentiles in milliseconds. */
  public record Latency(double p50, double p95, double p99, double max) {
    static Latency of(double[] values) {
      double[] v = values.clone();
      java.util.Arrays.sort(v);
      return new Latency(percentile(v, 0.50), percentile(v, 0.95), percentile(v, 0.99),
          v.length == 0 ? 0 : v[v.length - 1]);
    }
  }

  /** Mean, 99th percentile and maximum of a per-node quantity. */
  public record Spread(double mean, double p99, double max) {
    static Spread of(double[] values) {
      double[] v = values.clone();
      java.util.Arrays.sort(v);
      double sum = 0;
      for (double x : v) {
        sum += x;
      }
      return new Spread(v.length == 0 ? 0 : sum / v.length, percentile(v, 0.99),
          v.length == 0 ? 0 : v[v.length - 1]);
    }
  }

  /** Storage per live node: BEP 44 items, BEP 5 peer entries, and both together. */
  public record StorageLoad(Spread items, Spread peers, Spread total) {
    /** What {@code nodes} store right now. */
    public static StorageLoad of(java.util.List<network.shaga.dht.DhtNode> nodes) {
      double[] items = new double[nodes.size()];
      double[] peers = new double[nodes.size()];
      double[] total = new double[nodes.size()];
      for (int i = 0; i < nodes.size(); i++) {
        network.shaga.dht.DhtStats st = nodes.get(i).stats();
        items[i] = st.storedItems();
        peers[i] = st.storedPeers();
        total[i] = items[i] + peers[i];
      }
      return new StorageLoad(Spread.of(items), Spread.of(peers), Spread.of(total));
    }
  }

  /** One round of lookups while recovering: seconds after the fault (or heal), success. */
  public record RecoveryPoint(double seconds, double success) {}

  /**
   * What a fault did. For a kill: {@code affected} nodes died; {@code success} and
   * {@code latency} are of a get for each item right after it, which is also the survival right
   * after; {@code fallbackSuccess} and {@code sameSideSuccess} are NaN. For a partition:
   * {@code affected} nodes were on the smaller side A; {@code success} is of gets from side A for
   * items published on side B during the cut (and the other way round), {@code sameSideSuccess}
   * of gets for those items from their own side, {@code fallbackSuccess} of gets for items
   * stored before the cut; the recovery curve starts at the heal.
   *
   * @param survivalAfterRecovery fraction of all items found once {@code recovery} has passed
   * @param recoverySeconds time from the fault (kill) or the heal (partition) until a round of
   *     gets first succeeded for ≥ 99 % of its items; -1 if that never happened
   * @param partitionedSeconds how long the cut lasted (0 for a kill)
   */
  public record FaultReport(
      String label,
      int affected,
      double success,
      Latency latency,
      double fallbackSuccess,
      double sameSideSuccess,
      double survivalAfterRecovery,
      double recoverySeconds,
      double partitionedSeconds,
      List<RecoveryPoint> curve) {}

  private static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p * sorted.length) - 1))];
  }

  /** A one-line human-readable summary. */
  public String summary() {
    StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT,
        "%s nodes=%d items=%d announces=%d loss=%.3f churn=%.3f/h sessions=%s window=%.1f min"
            + " lookup_ms p50=%.1f p95=%.1f p99=%.1f success=%.4f replaced=%d"
            + " storage(items+peers) mean=%.2f max=%.0f traffic/node/min packets=%.1f"
            + " bytes=%.0f retrievable items=%.4f peers=%.4f heap=%d MB virtual=%.1f min"
            + " wall=%d ms",
        transport, nodes, items, announces, loss, churnPerHour, sessions, windowMinutes,
        lookup.p50(), lookup.p95(), lookup.p99(), lookupSuccess, nodesReplaced,
        storage.total().mean(), storage.total().max(), packetsPerNodeMinute.mean(),
        bytesPerNodeMinute.mean(), itemsRetrievable, peersRetrievable, heapBytes >> 20,
        virtualMinutes, wallMillis));
    if (fault != null) {
      b.append(String.format(java.util.Locale.ROOT,
          " | %s affected=%d success=%.4f (p50 %.1f ms) fallback=%.4f same_side=%.4f"
              + " survival=%.4f recovery=%.0f s",
          fault.label(), fault.affected(), fault.success(), fault.latency().p50(),
          fault.fallbackSuccess(), fault.sameSideSuccess(), fault.survivalAfterRecovery(),
          fault.recoverySeconds()));
    }
    return b.toString();
  }
}
