package network.shaga.dht.sim;

/**
 * What a scenario measured. Times are virtual in the simulator and wall-clock on real UDP.
 *
 * @param transport "sim-zero", "sim-lan", "sim-wan" or "udp"
 * @param lookupSuccess fraction of lookups that found their item
 * @param putAcksP50 median acknowledgements per put
 * @param putAcksMin fewest acknowledgements of any put
 * @param itemsFoundAfterChurn fraction of items found after the churn period (all if none)
 * @param itemsFoundAfterKill fraction of items still found right after the kill
 * @param itemsFoundAfterReplication fraction found one replication interval later
 * @param heapBytes used heap after a GC with every node alive
 * @param threads live JVM threads while the nodes ran
 */
public record ScenarioReport(
    String transport,
    int nodes,
    int items,
    int lookups,
    double lookupP50Ms,
    double lookupP95Ms,
    double lookupP99Ms,
    double lookupSuccess,
    double putAcksP50,
    int putAcksMin,
    int killed,
    double itemsFoundAfterChurn,
    double itemsFoundAfterKill,
    double lookupP50AfterKillMs,
    double itemsFoundAfterReplication,
    long heapBytes,
    int threads,
    long packetsSent,
    long wallMillis) {

  /** A one-line human-readable summary. */
  public String summary() {
    return String.format(
        "%s nodes=%d items=%d lookups=%d lookup_ms p50=%.2f p95=%.2f p99=%.2f success=%.3f"
            + " put_acks p50=%.1f min=%d found_after_churn=%.3f killed=%d"
            + " found_after_kill=%.3f (p50 %.2f ms)"
            + " found_after_replication=%.3f heap=%d MB (%.1f KB/node) threads=%d packets=%d"
            + " wall=%d ms",
        transport, nodes, items, lookups, lookupP50Ms, lookupP95Ms, lookupP99Ms, lookupSuccess,
        putAcksP50, putAcksMin, itemsFoundAfterChurn, killed, itemsFoundAfterKill, lookupP50AfterKillMs,
        itemsFoundAfterReplication, heapBytes >> 20, heapBytes / 1024.0 / Math.max(1, nodes),
        threads, packetsSent, wallMillis);
  }
}
