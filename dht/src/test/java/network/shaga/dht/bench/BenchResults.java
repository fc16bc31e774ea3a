package network.shaga.dht.bench;

import java.util.List;
import java.util.Optional;

/** What one side-by-side run measured; plain records so they serialise to JSON and CSV as is. */
final class BenchResults {
  private BenchResults() {}

  /**
   * One workload operation on one network.
   *
   * @param op {@code put} (BEP 44 mutable put), {@code get} (BEP 44 mutable get), {@code
   *     announce} (BEP 5 announce_peer) or {@code get_peers} (BEP 5 lookup)
   * @param count operations issued
   * @param successes operations that succeeded (put/announce: at least one node acknowledged;
   *     get: the item with the right value and seq was found; get_peers: the announcer was among
   *     the peers returned)
   * @param unanswered operations the harness did not answer within the timeout or answered with
   *     an error (counted as failures, with the time waited)
   * @param p50Ms median latency over all issued operations, failures included
   * @param p95Ms 95th percentile latency
   * @param p99Ms 99th percentile latency
   * @param meanPackets datagrams the issuing node sent plus received during the operation
   */
  record OpResult(String op, int count, int successes, int unanswered, double p50Ms, double p95Ms, double p99Ms,
      double meanPackets) {
    double successRate() {
      return count == 0 ? 0 : (double) successes / count;
    }
  }

  /**
   * One network of one size.
   *
   * @param network {@code shaga}, {@code mldht}, {@code bittorrent-dht} or {@code mixed}
   * @param nodes nodes in the network
   * @param versions implementation versions, as the harnesses reported them
   * @param processes harness processes the nodes ran in
   * @param startSeconds time until every harness reported its nodes listening
   * @param readySeconds further time until routing tables were filled (or the wait gave up)
   * @param readyFraction nodes whose routing table held min(8, nodes - 1) contacts at the end
   * @param startupCpuMsPerNode CPU time per node from process start to the end of the ready wait
   * @param workloadSeconds wall time of the workload
   * @param workloadCpuMsPerNode CPU time per node during the workload
   * @param rssMbPerNode resident memory of the harness processes after the workload, per node
   * @param processRssMb resident memory of each harness process after the workload
   * @param ops one entry per workload operation
   * @param byClient for networks of several implementations, each operation split by the
   *     implementation of the issuing node ({@code "get by mldht"}); empty otherwise
   * @param skipped why the network was not run, or null
   */
  record NetworkResult(String network, int nodes, List<String> versions, int processes,
      double startSeconds, double readySeconds, double readyFraction, double startupCpuMsPerNode,
      double workloadSeconds, double workloadCpuMsPerNode, double rssMbPerNode,
      List<Double> processRssMb, List<OpResult> ops, List<OpResult> byClient, String skipped) {

    static NetworkResult skipped(String network, int nodes, String reason) {
      return new NetworkResult(network, nodes, List.of(), 0, 0, 0, 0, 0, 0, 0, 0, List.of(),
          List.of(), List.of(), reason);
    }

    Optional<OpResult> op(String name) {
      return ops.stream().filter(o -> o.op().equals(name)).findFirst();
    }
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
